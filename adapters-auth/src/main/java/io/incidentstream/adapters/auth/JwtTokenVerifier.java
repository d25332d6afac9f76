package io.incidentstream.adapters.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.TokenVerifier;
import io.incidentstream.domain.filter.Filter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriber tokens as signed JWTs, checked by nimbus-jose-jwt: HS256 with a shared secret and/or
 * RS256 or ES256 (P-256) with a public key. Only the configured algorithms are accepted, each with its
 * own key, so neither {@code alg: none} nor an HS256 token "signed" with the public key (algorithm
 * confusion) gets through. {@code exp} and {@code sub} are required; {@code nbf}, and {@code iss} and
 * {@code aud} when configured, are checked, with a clock skew either way. The optional
 * {@value StreamScope#CLAIM} claim narrows what the holder may see.
 *
 * <p>Thread-safe: nimbus' verifiers are, and everything else here is immutable.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenVerifier.class);

    /** Shorter HS256 secrets are refused at start-up: HMAC-SHA256 needs a 256-bit key (RFC 7518, 3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    /** Smaller RSA keys are refused at start-up. */
    public static final int MIN_RSA_BITS = 2048;
    /** Longer tokens are refused before any parsing; real ones are well under 2 KiB. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;
    /** A later {@code exp} is taken as this one. */
    static final Instant LAST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    /** Per accepted algorithm, its keys (more than one while a signing key is being replaced). */
    private final Map<JWSAlgorithm, List<JWSVerifier>> verifiers;

    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final Clock clock;

    private JwtTokenVerifier(Builder builder) {
        Map<JWSAlgorithm, List<JWSVerifier>> keys = new LinkedHashMap<>();
        builder.verifiers.forEach((algorithm, verifiers) -> keys.put(algorithm, List.copyOf(verifiers)));
        this.verifiers = java.util.Collections.unmodifiableMap(keys);
        this.issuer = builder.issuer;
        this.audience = builder.audience;
        this.clockSkew = builder.clockSkew;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Verification verify(String token) {
        if (token == null || token.isEmpty()) {
            return new Invalid("no token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            return new Invalid("token too long");
        }
        try {
            return check(token);
        } catch (RuntimeException e) {
            // Tokens are hostile input: whatever the library throws on one is a refusal, never a crashed upgrade.
            // Neither the token nor the message (which may quote it) is logged.
            LOG.warn(
                    "token verification failed unexpectedly ({}); the token is refused",
                    e.getClass().getName());
            return new Invalid("malformed token");
        }
    }

    private Verification check(String token) {
        if (!base64urlSegments(token)) {
            return new Invalid("malformed token");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            return new Invalid("malformed token");
        }
        if (jwt instanceof PlainJWT) {
            return new Invalid("algorithm none not accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            return new Invalid("encrypted tokens not accepted");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        List<JWSVerifier> keys = verifiers.get(algorithm);
        if (keys == null) {
            return new Invalid("algorithm " + abbreviate(algorithm.getName()) + " not accepted");
        }
        // RFC 7515, 4.1.11: a token whose "crit" names an extension we do not implement must be
        // refused. nimbus refuses it as a failed signature, which would tell the issuer the wrong thing.
        if (signed.getHeader().getCriticalParams() != null
                && !signed.getHeader().getCriticalParams().isEmpty()) {
            return new Invalid("critical header "
                    + abbreviate(String.join(
                            ",", new java.util.TreeSet<>(signed.getHeader().getCriticalParams())))
                    + " not understood");
        }
        if (!signedByOneOf(signed, keys)) {
            return new Invalid("bad signature");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Invalid("malformed claims");
        }
        return checkClaims(claims, signed);
    }

    /**
     * Whether the token is dot-separated base64url without padding (RFC 7515, 2 and 7.1), as issuers
     * write it. The decoder also takes padding and other characters, which the compact form never
     * holds: such a token was not written by an issuer as it stands.
     */
    private static boolean base64urlSegments(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Any of the algorithm's keys will do: a key file may hold the old and the new key while signing moves over. */
    private static boolean signedByOneOf(SignedJWT signed, List<JWSVerifier> keys) {
        for (JWSVerifier key : keys) {
            try {
                if (signed.verify(key)) {
                    return true;
                }
            } catch (JOSEException e) {
                // Not verifiable with this key: try the next.
            }
        }
        return false;
    }

    private Verification checkClaims(JWTClaimsSet claims, SignedJWT signed) {
        Instant now = clock.instant();
        Date expiration = claims.getExpirationTime();
        if (expiration == null) {
            return new Invalid("missing exp");
        }
        Instant expiresAt = expiration.toInstant();
        if (beyondTheLastExpiry(signed, "exp")) {
            // nimbus keeps exp in milliseconds in a long, which wraps past the year 292 million and
            // reads as 1969: such a token means "never", which the year 9999 says well enough.
            expiresAt = LAST_EXPIRY;
        }
        String payload = signed.getPayload().toString();
        if (!now.isBefore(expiresAt.plus(clockSkew))) {
            return new Invalid("token expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        // The same wrap as exp's would read a far nbf as 1969, a token valid at once.
        if (notBefore != null
                && (beyondTheLastExpiry(signed, "nbf") || now.plus(clockSkew).isBefore(notBefore.toInstant()))) {
            return new Invalid("token not yet valid");
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            return new Invalid("wrong issuer");
        }
        List<String> audiences = claims.getAudience();
        if (audience != null && (audiences == null || !audiences.contains(audience))) {
            return new Invalid("wrong audience");
        }
        Object sub = signed.getPayload().toJSONObject().get("sub");
        if (sub != null && !(sub instanceof String)) {
            // RFC 7519, 4.1.2: a string. nimbus' claims read a number as its text.
            return new Invalid("malformed claims");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            return new Invalid("missing sub");
        }
        Filter scope;
        try {
            scope = StreamScope.fromPayload(payload);
        } catch (StreamScope.InvalidScopeException e) {
            return new Invalid("bad " + StreamScope.CLAIM + ": " + e.getMessage());
        }
        // The session lasts as long as the token was accepted for: exp plus the same skew allowed at the upgrade.
        return new Valid(new Access(subject, scope, expiresAt.plus(clockSkew), displayName(claims)));
    }

    /** The {@code name} claim, shown to other watchers of an incident; absent, blank or not a string: none. */
    private static String displayName(JWTClaimsSet claims) {
        Object name = claims.getClaim("name");
        return name instanceof String text && !text.isBlank() ? text : null;
    }

    /** Whether the claim (seconds since 1970) is past the year 9999, where nimbus' milliseconds wrap. */
    private static boolean beyondTheLastExpiry(SignedJWT signed, String claim) {
        Object value = signed.getPayload().toJSONObject().get(claim);
        return value instanceof Number seconds && seconds.doubleValue() > LAST_EXPIRY.getEpochSecond();
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }

    /** The algorithms and checks, never a key. */
    @Override
    public String toString() {
        return "JwtTokenVerifier[algorithms=" + verifiers.keySet() + ", issuer=" + issuer + ", audience=" + audience
                + ", clockSkew=" + clockSkew + "]";
    }

    /** Keys and checks; at least one key must be given. Every refusal is an {@link IllegalArgumentException}. */
    public static final class Builder {

        private final Map<JWSAlgorithm, List<JWSVerifier>> verifiers = new LinkedHashMap<>();
        private String issuer;
        private String audience;
        private Duration clockSkew = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Accept HS256 tokens signed with this secret (at least {@value #MIN_SECRET_BYTES} bytes). */
        public Builder hs256Secret(byte[] secret) {
            if (secret == null || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("the HS256 secret must be at least " + MIN_SECRET_BYTES
                        + " bytes, got " + (secret == null ? 0 : secret.length));
            }
            try {
                verifiers.put(JWSAlgorithm.HS256, List.of(new MACVerifier(secret.clone())));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
            }
            return this;
        }

        /** Accept RS256 (RSA key) or ES256 (EC P-256 key) tokens signed with the key's private half. */
        public Builder publicKey(PublicKey key) {
            if (key instanceof RSAPublicKey rsa) {
                if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    throw new IllegalArgumentException("the RSA public key has "
                            + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS + " are required");
                }
                add(JWSAlgorithm.RS256, new RSASSAVerifier(rsa));
            } else if (key instanceof ECPublicKey ec) {
                if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                    throw new IllegalArgumentException("the EC public key must be on curve P-256 (for ES256)");
                }
                try {
                    add(JWSAlgorithm.ES256, new ECDSAVerifier(ec));
                } catch (JOSEException e) {
                    throw new IllegalArgumentException("unusable EC public key: " + e.getMessage(), e);
                }
            } else {
                throw new IllegalArgumentException(
                        "expected an RSA or EC public key, got " + (key == null ? "none" : key.getAlgorithm()));
            }
            return this;
        }

        private void add(JWSAlgorithm algorithm, JWSVerifier key) {
            verifiers
                    .computeIfAbsent(algorithm, a -> new java.util.ArrayList<>())
                    .add(key);
        }

        /** {@link #publicKey} for each key of a PEM file ({@code PUBLIC KEY} blocks or a {@code CERTIFICATE}). */
        public Builder publicKeyFile(Path file) {
            PemPublicKeys.read(file).forEach(this::publicKey);
            return this;
        }

        /** Require this {@code iss}; null or empty requires none. */
        public Builder issuer(String issuer) {
            this.issuer = issuer == null || issuer.isEmpty() ? null : issuer;
            return this;
        }

        /** Require this among the {@code aud} values; null or empty requires none. */
        public Builder audience(String audience) {
            this.audience = audience == null || audience.isEmpty() ? null : audience;
            return this;
        }

        /** Leeway for {@code exp} and {@code nbf}, for clocks that disagree a little (default 30 s). */
        public Builder clockSkew(Duration clockSkew) {
            if (clockSkew == null || clockSkew.isNegative()) {
                throw new IllegalArgumentException("the clock skew must be zero or more");
            }
            this.clockSkew = clockSkew;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JwtTokenVerifier build() {
            if (verifiers.isEmpty()) {
                throw new IllegalArgumentException("token verification needs an HS256 secret or a public key");
            }
            return new JwtTokenVerifier(this);
        }
    }
}
