package io.incidentstream.bootstrap;

import io.incidentstream.adapters.auth.HashedPublisherKeys;
import io.incidentstream.adapters.auth.JwtTokenVerifier;
import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.TokenVerifier;
import io.incidentstream.bootstrap.config.ConfigurationException;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the publisher keys and the token verifier from the {@code api_*} and {@code jwt_*} settings,
 * or the open {@code NONE}s when none is set. What needs a file or more than one key is checked here,
 * while the server is assembled: every refusal is a {@link ConfigurationException} naming the key,
 * and never quotes a key or secret.
 */
final class AccessConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AccessConfiguration.class);

    private AccessConfiguration() {
    }

    static PublisherKeys publisherKeys(ServerConfig config) {
        List<String> rawKeys = config.list("api_keys");
        List<String> hashes = config.list("api_key_hashes");
        String file = config.text("api_keys_file");
        if (rawKeys.isEmpty() && hashes.isEmpty() && file.isEmpty()) {
            return PublisherKeys.NONE;
        }
        HashedPublisherKeys.Builder keys = HashedPublisherKeys.builder();
        check("api_keys", () -> keys.rawKeys(rawKeys));
        check("api_key_hashes", () -> keys.hashes(hashes));
        if (!file.isEmpty()) {
            check("api_keys_file", () -> keys.file(Path.of(file)));
        }
        HashedPublisherKeys built = keys.build();
        if (!built.configured()) {
            // An empty file must not quietly leave publishing open: whoever named it meant to close it.
            throw new ConfigurationException("api_keys_file: " + file + " holds no keys (only comments or blank"
                    + " lines); add keys or leave api_keys_file empty to run without publisher keys");
        }
        LOG.info("publishers must present an API key ({})", built);
        return built;
    }

    static TokenVerifier tokenVerifier(ServerConfig config, Clock clock) {
        String secret = config.text("jwt_hs256_secret");
        String keyFile = config.text("jwt_public_key_file");
        if (secret.isEmpty() && keyFile.isEmpty()) {
            for (String key : List.of("jwt_issuer", "jwt_audience")) {
                if (!config.text(key).isEmpty()) {
                    throw new ConfigurationException(key + " is set but neither jwt_hs256_secret nor"
                            + " jwt_public_key_file is, so no token could be checked against it");
                }
            }
            return TokenVerifier.NONE;
        }
        JwtTokenVerifier.Builder tokens = JwtTokenVerifier.builder().clock(clock)
                .issuer(config.text("jwt_issuer")).audience(config.text("jwt_audience"))
                .clockSkew(Duration.ofSeconds(config.number("jwt_clock_skew_secs")));
        if (!secret.isEmpty()) {
            check("jwt_hs256_secret", () -> tokens.hs256Secret(secret.getBytes(StandardCharsets.UTF_8)));
        }
        if (!keyFile.isEmpty()) {
            check("jwt_public_key_file", () -> tokens.publicKeyFile(Path.of(keyFile)));
        }
        JwtTokenVerifier verifier = tokens.build();
        LOG.info("subscribers must present a token ({})", verifier);
        return verifier;
    }

    /** Runs one configuration step, turning the adapter's refusal into one that names the setting. */
    private static void check(String key, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": " + e.getMessage());
        }
    }
}
