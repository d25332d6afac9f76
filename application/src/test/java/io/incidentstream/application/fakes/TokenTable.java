package io.incidentstream.application.fakes;

import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.TokenVerifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one subscriber-token fake: a table of known tokens standing in for signature checks, for
 * tests of what the stream and its adapters do with an {@link Access} (token verification itself
 * is tested with the JWT adapter). A token's access may be computed on each use, so that an
 * expiry can follow a test's clock. Any other token is refused as {@code "bad signature"}.
 */
public final class TokenTable implements TokenVerifier {

    private final Map<String, Supplier<Verification>> tokens = new LinkedHashMap<>();

    /** {@code token} is valid and grants {@code access}. */
    public TokenTable grant(String token, Access access) {
        return grant(token, () -> access);
    }

    /** {@code token} is valid and grants what {@code access} says when it is presented. */
    public TokenTable grant(String token, Supplier<Access> access) {
        tokens.put(token, () -> new Valid(access.get()));
        return this;
    }

    /** {@code token} is refused with {@code reason}. */
    public TokenTable refuse(String token, String reason) {
        tokens.put(token, () -> new Invalid(reason));
        return this;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Verification verify(String token) {
        Supplier<Verification> known = tokens.get(token);
        return known != null ? known.get() : new Invalid("bad signature");
    }
}
