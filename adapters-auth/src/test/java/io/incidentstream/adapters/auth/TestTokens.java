package io.incidentstream.adapters.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Keys and token minting for tests: claims built with defaults that verify, then varied one at a time. */
final class TestTokens {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);

    private TestTokens() {}

    static KeyPair rsaKeys(int bits) {
        return generate("RSA", generator -> generator.initialize(bits));
    }

    static KeyPair ecKeys(String curve) {
        return generate("EC", generator -> generator.initialize(new ECGenParameterSpec(curve)));
    }

    /** Claims that pass every check: subject, an expiry an hour from {@link #NOW}, issuer and audience. */
    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .subject("alice")
                .issuer("https://idp.example.com")
                .audience("incident-stream")
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    static JWTClaimsSet.Builder claims(Map<String, Object> scope) {
        return claims().claim("stream_scope", scope);
    }

    static String hs256(JWTClaimsSet.Builder claims) {
        return hs256(claims, SECRET);
    }

    static String hs256(JWTClaimsSet.Builder claims, byte[] secret) {
        try {
            return sign(JWSAlgorithm.HS256, new MACSigner(secret), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rs256(JWTClaimsSet.Builder claims, KeyPair keys) {
        return sign(JWSAlgorithm.RS256, new RSASSASigner(keys.getPrivate()), claims);
    }

    static String rs(JWSAlgorithm algorithm, JWTClaimsSet.Builder claims, KeyPair keys) {
        return sign(algorithm, new RSASSASigner(keys.getPrivate()), claims);
    }

    static String es256(JWTClaimsSet.Builder claims, KeyPair keys) {
        try {
            return sign(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) keys.getPrivate()), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet.Builder claims) {
        return sign(new JWSHeader(algorithm), signer, claims);
    }

    static String sign(JWSHeader header, JWSSigner signer, JWTClaimsSet.Builder claims) {
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair generate(String algorithm, Init init) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            init.apply(generator);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Init {
        void apply(KeyPairGenerator generator) throws GeneralSecurityException;
    }
}
