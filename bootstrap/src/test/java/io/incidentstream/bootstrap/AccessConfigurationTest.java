package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.incidentstream.adapters.auth.HashedPublisherKeys;
import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.TokenVerifier;
import io.incidentstream.bootstrap.config.ConfigLoader;
import io.incidentstream.bootstrap.config.ConfigurationException;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The api_* and jwt_* settings build the access adapters, or refuse to start naming the key, never the secret. */
class AccessConfigurationTest {

    private static final String KEY = "pk_test_4f9a1c7e2b8d6e30";
    private static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static ServerConfig config(Map<String, String> settings) {
        return ServerConfig.defaults(settings);
    }

    @Test
    void nothingConfigured_leavesPublishingAndSubscribingOpen() {
        assertThat(AccessConfiguration.publisherKeys(config(Map.of()))).isSameAs(PublisherKeys.NONE);
        assertThat(AccessConfiguration.tokenVerifier(config(Map.of()), CLOCK)).isSameAs(TokenVerifier.NONE);
    }

    @Test
    void apiKeysFromTheEnvironment_hashesAndFile_allCount() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# ci\npk_file_1234567890abcd\n");
        ServerConfig config = ConfigLoader.load(
                new String[] {
                    "--api-key-hashes",
                    HashedPublisherKeys.hashOf("pk_hashed_1234567890ab"),
                    "--api-keys-file",
                    file.toString()
                },
                Map.of("INCIDENT_STREAM_API_KEYS", KEY + ", pk_second_key_0000000"));
        PublisherKeys keys = AccessConfiguration.publisherKeys(config);
        assertThat(keys.configured()).isTrue();
        assertThat(keys.accepts(KEY)).isTrue();
        assertThat(keys.accepts("pk_second_key_0000000")).isTrue();
        assertThat(keys.accepts("pk_hashed_1234567890ab")).isTrue();
        assertThat(keys.accepts("pk_file_1234567890abcd")).isTrue();
        assertThat(keys.accepts("pk_unknown_000000000000")).isFalse();
    }

    @Test
    void rawKeysAndSecret_neverShowInTheConfiguration() {
        ServerConfig config = config(Map.of("api_keys", KEY, "jwt_hs256_secret", SECRET));
        assertThat(config.toString()).doesNotContain(KEY).doesNotContain(SECRET).contains("api_keys=(hidden)");
    }

    @Test
    void shortApiKey_isRefused_namingTheSetting_notTheKey() {
        assertThatThrownBy(() -> AccessConfiguration.publisherKeys(config(Map.of("api_keys", KEY + ",hunter2"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("api_keys: ")
                .hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void malformedHash_isRefusedWhenLoading_namingTheSetting() {
        assertThatThrownBy(() -> config(Map.of("api_key_hashes", "sha256:abc")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("api_key_hashes")
                .hasMessageContaining("64 hex digits");
    }

    @Test
    void unreadableOrEmptyKeysFile_isRefused_namingSettingAndFile() throws Exception {
        Path missing = dir.resolve("missing-keys");
        assertThatThrownBy(() -> AccessConfiguration.publisherKeys(config(Map.of("api_keys_file", missing.toString()))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("api_keys_file: ")
                .hasMessageContaining(missing.toString());
        Path empty = dir.resolve("empty-keys");
        Files.writeString(empty, "# nothing yet\n\n");
        assertThatThrownBy(() -> AccessConfiguration.publisherKeys(config(Map.of("api_keys_file", empty.toString()))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("holds no keys");
    }

    @Test
    void hs256Secret_verifiesTokens_withIssuerAudienceAndTheServerClock() throws Exception {
        TokenVerifier verifier = AccessConfiguration.tokenVerifier(
                config(Map.of(
                        "jwt_hs256_secret",
                        SECRET,
                        "jwt_issuer",
                        "https://idp.example.com",
                        "jwt_audience",
                        "incident-stream")),
                CLOCK);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("alice")
                .issuer("https://idp.example.com")
                .audience("incident-stream")
                .expirationTime(Date.from(NOW.plusSeconds(60)));
        assertThat(verifier.verify(mint(claims))).isInstanceOf(TokenVerifier.Valid.class);
        assertThat(verifier.verify(mint(claims.audience("other"))))
                .isEqualTo(new TokenVerifier.Invalid("wrong audience"));
        assertThat(verifier.verify(
                        mint(claims.audience("incident-stream").expirationTime(Date.from(NOW.minusSeconds(31))))))
                .isEqualTo(new TokenVerifier.Invalid("token expired"));
    }

    @Test
    void clockSkew_comesFromItsSetting() throws Exception {
        TokenVerifier verifier = AccessConfiguration.tokenVerifier(
                config(Map.of("jwt_hs256_secret", SECRET, "jwt_clock_skew_secs", "0")), CLOCK);
        JWTClaimsSet.Builder claims =
                new JWTClaimsSet.Builder().subject("alice").expirationTime(Date.from(NOW.minusSeconds(1)));
        assertThat(verifier.verify(mint(claims))).isEqualTo(new TokenVerifier.Invalid("token expired"));
    }

    @Test
    void shortSecret_isRefused_namingTheSetting_notTheSecret() {
        assertThatThrownBy(
                        () -> AccessConfiguration.tokenVerifier(config(Map.of("jwt_hs256_secret", "tooshort")), CLOCK))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwt_hs256_secret: ")
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("tooshort");
    }

    @Test
    void badPublicKeyFile_isRefused_namingSettingAndFile() {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> AccessConfiguration.tokenVerifier(
                        config(Map.of("jwt_public_key_file", missing.toString())), CLOCK))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwt_public_key_file: ")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void issuerOrAudienceWithoutAKey_isRefused() {
        assertThatThrownBy(() -> AccessConfiguration.tokenVerifier(config(Map.of("jwt_issuer", "https://idp")), CLOCK))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwt_issuer is set");
        assertThatThrownBy(() -> AccessConfiguration.tokenVerifier(config(Map.of("jwt_audience", "x")), CLOCK))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwt_audience is set");
    }

    private static String mint(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
