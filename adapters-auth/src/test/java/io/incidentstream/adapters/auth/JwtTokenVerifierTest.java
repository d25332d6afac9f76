package io.incidentstream.adapters.auth;

import static io.incidentstream.adapters.auth.TestTokens.NOW;
import static io.incidentstream.adapters.auth.TestTokens.SECRET;
import static io.incidentstream.adapters.auth.TestTokens.claims;
import static io.incidentstream.adapters.auth.TestTokens.es256;
import static io.incidentstream.adapters.auth.TestTokens.hs256;
import static io.incidentstream.adapters.auth.TestTokens.rs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import io.incidentstream.application.port.out.Access;
import io.incidentstream.application.port.out.TokenVerifier.Invalid;
import io.incidentstream.application.port.out.TokenVerifier.Valid;
import io.incidentstream.application.port.out.TokenVerifier.Verification;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every way a subscriber token is accepted or refused, with the reason a client is told. */
class JwtTokenVerifierTest {

    private static final KeyPair RSA = TestTokens.rsaKeys(2048);
    private static final KeyPair OTHER_RSA = TestTokens.rsaKeys(2048);
    private static final KeyPair EC = TestTokens.ecKeys("secp256r1");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static JwtTokenVerifier.Builder checks() {
        return JwtTokenVerifier.builder()
                .issuer("https://idp.example.com")
                .audience("incident-stream")
                .clock(CLOCK);
    }

    private static final JwtTokenVerifier HS = checks().hs256Secret(SECRET).build();
    private static final JwtTokenVerifier RS =
            checks().publicKey(RSA.getPublic()).build();
    private static final JwtTokenVerifier ES =
            checks().publicKey(EC.getPublic()).build();

    private static Access granted(JwtTokenVerifier verifier, String token) {
        Verification verification = verifier.verify(token);
        assertThat(verification).isInstanceOf(Valid.class);
        return ((Valid) verification).access();
    }

    private static String refusal(JwtTokenVerifier verifier, String token) {
        Verification verification = verifier.verify(token);
        assertThat(verification).isInstanceOf(Invalid.class);
        return ((Invalid) verification).reason();
    }

    @Test
    void validHs256_isGranted_withSubjectExpiryAndNoScope() {
        Access access = granted(HS, hs256(claims()));
        assertThat(access.subject()).isEqualTo("alice");
        // The session may last as long as the token is accepted: exp plus the default 30 s skew.
        assertThat(access.expiresAt()).isEqualTo(NOW.plusSeconds(3600 + 30));
        assertThat(access.scope()).isNull();
    }

    @Test
    void validRs256_isGranted() {
        assertThat(granted(RS, rs256(claims(), RSA)).subject()).isEqualTo("alice");
    }

    @Test
    void validEs256_isGranted() {
        assertThat(granted(ES, es256(claims(), EC)).subject()).isEqualTo("alice");
    }

    @Test
    void secretAndPublicKeyTogether_acceptBothAlgorithms() {
        JwtTokenVerifier both =
                checks().hs256Secret(SECRET).publicKey(RSA.getPublic()).build();
        assertThat(granted(both, hs256(claims())).subject()).isEqualTo("alice");
        assertThat(granted(both, rs256(claims(), RSA)).subject()).isEqualTo("alice");
    }

    @Test
    void expired_isRefused_onceBeyondTheClockSkew() {
        assertThat(refusal(HS, hs256(claims().expirationTime(Date.from(NOW.minusSeconds(31))))))
                .isEqualTo("token expired");
        assertThat(refusal(HS, hs256(claims().expirationTime(Date.from(NOW.minusSeconds(30))))))
                .isEqualTo("token expired");
        Access withinSkew = granted(HS, hs256(claims().expirationTime(Date.from(NOW.minusSeconds(10)))));
        assertThat(withinSkew.expiresAt())
                .as("still inside the skew, so not closed at once")
                .isEqualTo(NOW.plusSeconds(20));
    }

    @Test
    void zeroClockSkew_refusesAtTheExpiryInstant() {
        JwtTokenVerifier strict =
                checks().hs256Secret(SECRET).clockSkew(Duration.ZERO).build();
        assertThat(refusal(strict, hs256(claims().expirationTime(Date.from(NOW)))))
                .isEqualTo("token expired");
        assertThat(refusal(strict, hs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(1))))))
                .isEqualTo("token not yet valid");
    }

    @Test
    void notYetValid_isRefused_onceBeyondTheClockSkew() {
        assertThat(refusal(HS, hs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))))))
                .isEqualTo("token not yet valid");
        granted(HS, hs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(10)))));
    }

    @Test
    void wrongSignature_isRefused() {
        byte[] otherSecret = "another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(HS, hs256(claims(), otherSecret))).isEqualTo("bad signature");
        assertThat(refusal(RS, rs256(claims(), OTHER_RSA))).isEqualTo("bad signature");
        assertThat(refusal(ES, es256(claims(), TestTokens.ecKeys("secp256r1")))).isEqualTo("bad signature");
    }

    @Test
    void tamperedClaims_failTheSignature() {
        String[] genuine = hs256(claims()).split("\\.");
        String[] forged = hs256(claims().subject("mallory"), "x".repeat(32).getBytes(StandardCharsets.UTF_8))
                .split("\\.");
        assertThat(refusal(HS, genuine[0] + "." + forged[1] + "." + genuine[2])).isEqualTo("bad signature");
    }

    @Test
    void algorithmNone_isRefused() {
        String unsigned = new PlainJWT(claims().build()).serialize();
        assertThat(refusal(HS, unsigned)).isEqualTo("algorithm none not accepted");
        assertThat(refusal(RS, unsigned)).isEqualTo("algorithm none not accepted");
        // alg none with a signature tacked on (some libraries ignore it): still refused.
        String withSignature = unsigned + hs256(claims()).split("\\.")[2];
        assertThat(HS.verify(withSignature)).isInstanceOf(Invalid.class);
        // A spelling nimbus does not take for "none" is simply an algorithm nobody configured.
        String header = base64url("{\"alg\":\"None\"}");
        assertThat(refusal(HS, header + "." + unsigned.split("\\.")[1] + ".")).isNotEmpty();
    }

    @Test
    void hs256SignedWithThePublicKey_algorithmConfusion_isRefused() throws Exception {
        byte[] publicKeyBytes = RSA.getPublic().getEncoded();
        String confused = TestTokens.sign(JWSAlgorithm.HS256, new MACSigner(publicKeyBytes), claims());
        assertThat(refusal(RS, confused)).isEqualTo("algorithm HS256 not accepted");
        // The PEM text of the key, another favourite of this attack.
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKeyBytes)
                        + "\n-----END PUBLIC KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(refusal(RS, TestTokens.sign(JWSAlgorithm.HS256, new MACSigner(pem), claims())))
                .isEqualTo("algorithm HS256 not accepted");
        // With a secret configured too, HS256 is checked against the secret only, never the public key.
        JwtTokenVerifier both =
                checks().hs256Secret(SECRET).publicKey(RSA.getPublic()).build();
        assertThat(refusal(both, confused)).isEqualTo("bad signature");
    }

    @Test
    void algorithmsNotConfigured_areRefused() {
        assertThat(refusal(HS, rs256(claims(), RSA))).isEqualTo("algorithm RS256 not accepted");
        assertThat(refusal(RS, es256(claims(), EC))).isEqualTo("algorithm ES256 not accepted");
        assertThat(refusal(ES, rs256(claims(), RSA))).isEqualTo("algorithm RS256 not accepted");
        assertThat(refusal(RS, TestTokens.rs(JWSAlgorithm.RS384, claims(), RSA)))
                .isEqualTo("algorithm RS384 not accepted");
        assertThat(refusal(RS, TestTokens.rs(JWSAlgorithm.PS256, claims(), RSA)))
                .isEqualTo("algorithm PS256 not accepted");
    }

    @Test
    void unknownCriticalHeader_isRefused() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .criticalParams(Set.of("x-must-understand"))
                .customParam("x-must-understand", true)
                .build();
        // Refused for what it is, not as a bad signature (the token is signed well).
        assertThat(refusal(HS, TestTokens.sign(header, new MACSigner(SECRET), claims())))
                .isEqualTo("critical header x-must-understand not understood");
    }

    @Test
    void anExpBeyondTheYear9999_isTheYear9999_notAWrappedDateIn1969() {
        // nimbus keeps exp in milliseconds; 2^63 - 1 seconds wrapped to a date before 1970.
        String forever = hs256Payload("{\"sub\":\"alice\",\"iss\":\"https://idp.example.com\","
                + "\"aud\":\"incident-stream\",\"exp\":" + Long.MAX_VALUE + "}");
        assertThat(granted(HS, forever).expiresAt()).isEqualTo(JwtTokenVerifier.LAST_EXPIRY.plusSeconds(30));
        String farAway = hs256Payload("{\"sub\":\"alice\",\"iss\":\"https://idp.example.com\","
                + "\"aud\":\"incident-stream\",\"exp\":1e300}");
        assertThat(granted(HS, farAway).expiresAt()).isEqualTo(JwtTokenVerifier.LAST_EXPIRY.plusSeconds(30));
    }

    @Test
    void anNbfBeyondTheYear9999_isNotYetValid_notAWrappedDateIn1969() {
        String never = hs256Payload("{\"sub\":\"alice\",\"iss\":\"https://idp.example.com\","
                + "\"aud\":\"incident-stream\",\"exp\":" + NOW.plusSeconds(3600).getEpochSecond()
                + ",\"nbf\":" + Long.MAX_VALUE + "}");
        assertThat(refusal(HS, never)).isEqualTo("token not yet valid");
    }

    /** A token of exactly this payload text, which nimbus' claims builder could not write. */
    private static String hs256Payload(String json) {
        try {
            com.nimbusds.jose.JWSObject token = new com.nimbusds.jose.JWSObject(
                    new JWSHeader(JWSAlgorithm.HS256), new com.nimbusds.jose.Payload(json));
            token.sign(new MACSigner(SECRET));
            return token.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void missingExp_isRefused() {
        assertThat(refusal(HS, hs256(claims().expirationTime(null)))).isEqualTo("missing exp");
    }

    @Test
    void missingOrBlankSub_isRefused() {
        assertThat(refusal(HS, hs256(claims().subject(null)))).isEqualTo("missing sub");
        assertThat(refusal(HS, hs256(claims().subject(" ")))).isEqualTo("missing sub");
    }

    /** Found from outside: a numeric sub was taken as its text. */
    @Test
    void aSubThatIsNotAString_isRefused() {
        String numeric = hs256Payload("{\"sub\":42,\"iss\":\"https://idp.example.com\","
                + "\"aud\":\"incident-stream\",\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + "}");
        assertThat(refusal(HS, numeric)).isEqualTo("malformed claims");
    }

    /** Found from outside: "==" after the signature was accepted, so one token had several spellings. */
    @Test
    void aTokenWithPaddingOrOtherCharacters_isRefused_asMalformed() {
        String token = hs256(claims());
        assertThat(granted(HS, token).subject()).isEqualTo("alice");
        for (String respelled : List.of(token + "==", token + "=", " " + token, token.replace('-', '+'))) {
            if (!respelled.equals(token)) {
                assertThat(refusal(HS, respelled)).as(respelled).isEqualTo("malformed token");
            }
        }
    }

    @Test
    void wrongOrMissingIssuer_isRefused_whenOneIsRequired() {
        assertThat(refusal(HS, hs256(claims().issuer("https://evil.example.com"))))
                .isEqualTo("wrong issuer");
        assertThat(refusal(HS, hs256(claims().issuer(null)))).isEqualTo("wrong issuer");
    }

    @Test
    void wrongOrMissingAudience_isRefused_whenOneIsRequired() {
        assertThat(refusal(HS, hs256(claims().audience("another-service")))).isEqualTo("wrong audience");
        assertThat(refusal(HS, hs256(claims().audience((String) null)))).isEqualTo("wrong audience");
        granted(HS, hs256(claims().audience(List.of("another-service", "incident-stream"))));
    }

    @Test
    void issuerAndAudience_areNotChecked_whenNoneIsConfigured() {
        JwtTokenVerifier lax =
                JwtTokenVerifier.builder().hs256Secret(SECRET).clock(CLOCK).build();
        granted(lax, hs256(claims().issuer(null).audience((String) null)));
        granted(lax, hs256(claims().issuer("anyone").audience("anything")));
    }

    @Test
    void garbage_isRefused_withoutThrowing() {
        for (String garbage : List.of(
                "",
                "not-a-token",
                "a.b.c",
                "a.b",
                "...",
                "....",
                "eyJ.eyJ.sig",
                base64url("{\"alg\":\"HS256\"}") + "." + base64url("[1,2]") + ".AAAA",
                base64url("{\"alg\":\"HS256\"}") + "." + base64url("{\"exp\":\"tomorrow\"}") + ".AAAA",
                base64url("{}") + "." + base64url("{}") + ".",
                "x".repeat(JwtTokenVerifier.MAX_TOKEN_CHARS + 1))) {
            assertThat(HS.verify(garbage))
                    .as(garbage.length() > 80 ? "long token" : garbage)
                    .isInstanceOf(Invalid.class);
            assertThat(RS.verify(garbage)).isInstanceOf(Invalid.class);
        }
        assertThat(HS.verify(null)).isInstanceOf(Invalid.class);
    }

    @Test
    void builder_refusesWeakOrMissingKeys() {
        assertThatThrownBy(() -> JwtTokenVerifier.builder().hs256Secret(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> JwtTokenVerifier.builder()
                        .publicKey(TestTokens.rsaKeys(1024).getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> JwtTokenVerifier.builder()
                        .publicKey(TestTokens.ecKeys("secp384r1").getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256");
        assertThatThrownBy(() -> JwtTokenVerifier.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret or a public key");
        assertThatThrownBy(() -> JwtTokenVerifier.builder().clockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toString_namesAlgorithms_neverTheSecret() {
        assertThat(HS.toString())
                .contains("HS256")
                .doesNotContain(new String(SECRET, StandardCharsets.UTF_8))
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET));
        assertThat(HS.configured()).isTrue();
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
