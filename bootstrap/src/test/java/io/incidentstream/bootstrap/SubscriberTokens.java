package io.incidentstream.bootstrap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Real subscriber tokens for the assembled server (after adapters-auth's test helper, whose test code
 * is not shared): claims that pass every check of a server configured with {@link #SECRET},
 * {@link #ISSUER} and {@link #AUDIENCE}, signed with nimbus-jose-jwt; then varied one at a time.
 */
final class SubscriberTokens {

    /** 38 bytes: over the 32 that HS256 needs. */
    static final String SECRET = "0123456789abcdef0123456789abcdef-e2e!";

    static final String ISSUER = "https://idp.example.com";
    static final String AUDIENCE = "incident-stream";

    private SubscriberTokens() {}

    /** Valid for an hour from now, for {@code subject}. */
    static JWTClaimsSet.Builder claims(String subject) {
        return claims(subject, Duration.ofHours(1));
    }

    /** Valid from now until {@code lifetime} from now. */
    static JWTClaimsSet.Builder claims(String subject, Duration lifetime) {
        Instant now = Clock.systemUTC().instant();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
    }

    /** {@code claims} with a {@code stream_scope}, a filter object. */
    static JWTClaimsSet.Builder scoped(String subject, Map<String, Object> scope) {
        return claims(subject).claim("stream_scope", scope);
    }

    static String hs256(JWTClaimsSet.Builder claims) {
        return hs256(claims, SECRET);
    }

    static String hs256(JWTClaimsSet.Builder claims, String secret) {
        try {
            return sign(JWSAlgorithm.HS256, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS512 with the server's own secret: a correct signature, but an algorithm the server does not accept. */
    static String hs512(JWTClaimsSet.Builder claims) {
        try {
            return sign(JWSAlgorithm.HS512, new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RS256 with a fresh key the server has never seen. */
    static String rs256(JWTClaimsSet.Builder claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(
                    JWSAlgorithm.RS256,
                    new RSASSASigner(generator.generateKeyPair().getPrivate()),
                    claims);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: no signature at all. */
    static String unsigned(JWTClaimsSet.Builder claims) {
        return new PlainJWT(claims.build()).serialize();
    }

    /** A valid HS256 token whose payload was then swapped for {@code claims}: the signature no longer fits. */
    static String tampered(JWTClaimsSet.Builder original, JWTClaimsSet.Builder claims) {
        String[] signed = hs256(original).split("\\.");
        String[] other = hs256(claims).split("\\.");
        return signed[0] + "." + other[1] + "." + signed[2];
    }

    private static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet.Builder claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
