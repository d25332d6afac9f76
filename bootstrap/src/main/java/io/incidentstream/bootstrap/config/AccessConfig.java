package io.incidentstream.bootstrap.config;

import java.time.Duration;
import java.util.List;

/**
 * Publisher keys and subscriber tokens (settings group "Access control"). Text left empty is not set.
 *
 * @param apiKeys              {@code api_keys}
 * @param apiKeyHashes         {@code api_key_hashes}, each {@code sha256:<64 hex digits>}
 * @param apiKeysFile          {@code api_keys_file}
 * @param jwtHs256Secret       {@code jwt_hs256_secret}
 * @param jwtPublicKeyFile     {@code jwt_public_key_file}
 * @param jwtIssuer            {@code jwt_issuer}
 * @param jwtAudience          {@code jwt_audience}
 * @param jwtClockSkew         {@code jwt_clock_skew_secs}
 * @param protectReadEndpoints {@code protect_read_endpoints}
 */
public record AccessConfig(
        List<Secret> apiKeys,
        List<String> apiKeyHashes,
        String apiKeysFile,
        Secret jwtHs256Secret,
        String jwtPublicKeyFile,
        String jwtIssuer,
        String jwtAudience,
        Duration jwtClockSkew,
        boolean protectReadEndpoints) {}
