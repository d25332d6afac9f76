package io.incidentstream.bootstrap;

import io.incidentstream.adapters.auth.HashedPublisherKeys;
import io.incidentstream.adapters.auth.JwtTokenVerifier;
import io.incidentstream.application.port.out.PublisherKeys;
import io.incidentstream.application.port.out.TokenVerifier;
import io.incidentstream.bootstrap.config.AccessConfig;
import io.incidentstream.bootstrap.config.ConfigurationException;
import io.incidentstream.bootstrap.config.Secret;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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

    private AccessConfiguration() {}

    static PublisherKeys publisherKeys(ServerConfig config) {
        List<String> rawKeys =
                config.access().apiKeys().stream().map(Secret::value).toList();
        List<String> hashes = config.access().apiKeyHashes();
        String file = config.access().apiKeysFile();
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
        AccessConfig access = config.access();
        String secret = access.jwtHs256Secret().value();
        String keyFile = access.jwtPublicKeyFile();
        if (secret.isEmpty() && keyFile.isEmpty()) {
            requireUnset("jwt_issuer", access.jwtIssuer());
            requireUnset("jwt_audience", access.jwtAudience());
            return TokenVerifier.NONE;
        }
        JwtTokenVerifier.Builder tokens = JwtTokenVerifier.builder()
                .clock(clock)
                .issuer(access.jwtIssuer())
                .audience(access.jwtAudience())
                .clockSkew(access.jwtClockSkew());
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

    /** A token claim to check needs a way to check tokens: with neither secret nor key, refuse it. */
    private static void requireUnset(String key, String value) {
        if (!value.isEmpty()) {
            throw new ConfigurationException(key + " is set but neither jwt_hs256_secret nor"
                    + " jwt_public_key_file is, so no token could be checked against it");
        }
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
