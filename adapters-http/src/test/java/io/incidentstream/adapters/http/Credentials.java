package io.incidentstream.adapters.http;

import io.incidentstream.application.access.AccessControl;
import io.incidentstream.application.fakes.TokenTable;
import io.incidentstream.application.port.in.AuthenticationUseCase;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.TokenVerifier;
import io.incidentstream.domain.filter.Filter;
import io.incidentstream.domain.model.Severity;
import java.util.Map;
import java.util.Set;

/**
 * The real {@link AccessControl} over small fakes of its ports: one publisher key, and a table of
 * subscriber tokens standing in for JWT verification (tested with the JWT adapter).
 */
final class Credentials {

    static final String KEY = "pk_live_7f3c9a1e5b";
    static final String OTHER_KEY = "pk_live_not_ours";

    /** Sees everything. */
    static final String TOKEN_ALL = "token-all";
    /** Sees P0 incidents only. */
    static final String TOKEN_P0 = "token-p0";
    /** Sees incidents labelled team=payments only. */
    static final String TOKEN_PAYMENTS = "token-payments";
    /** Refused as expired. */
    static final String TOKEN_EXPIRED = "token-expired";

    static final Filter P0_ONLY =
            new Filter(Set.of(), Set.of(Severity.P0), Set.of(), Set.of(), Set.of(), Map.of(), Set.of());
    static final Filter PAYMENTS_ONLY =
            new Filter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Map.of("team", "payments"), Set.of());

    static final PublisherKeys KEYS = new PublisherKeys() {
        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public boolean accepts(String presentedKey) {
            return KEY.equals(presentedKey);
        }
    };

    static final TokenVerifier TOKENS = new TokenTable()
            .grant(TOKEN_ALL, new Access("ann", null, null))
            .grant(TOKEN_P0, new Access("bob", P0_ONLY, null))
            .grant(TOKEN_PAYMENTS, new Access("cid", PAYMENTS_ONLY, null))
            .refuse(TOKEN_EXPIRED, "token expired");

    private Credentials() {}

    static AuthenticationUseCase keysAndTokens() {
        return new AccessControl(KEYS, TOKENS);
    }

    static AuthenticationUseCase keysOnly() {
        return new AccessControl(KEYS, TokenVerifier.NONE);
    }

    static AuthenticationUseCase tokensOnly() {
        return new AccessControl(PublisherKeys.NONE, TOKENS);
    }

    static AuthenticationUseCase nothing() {
        return new AccessControl(PublisherKeys.NONE, TokenVerifier.NONE);
    }

    static String bearer(String credential) {
        return "Bearer " + credential;
    }
}
