package io.incidentstream.bootstrap.config;

import java.util.List;

/**
 * Where the server listens and whom it lets in (settings group "Listening"). Text left empty is not
 * set.
 *
 * @param host               {@code host}; empty: loopback while the server is open, else every interface
 * @param port               {@code port} of plain HTTP and WebSocket
 * @param httpEnabled        {@code http_enabled}
 * @param tlsPort            {@code tls_port} of HTTPS and WSS
 * @param tlsCertFile        {@code tls_cert_file}
 * @param tlsKeyFile         {@code tls_key_file}
 * @param tlsKeystoreFile    {@code tls_keystore_file}
 * @param tlsKeystorePassword {@code tls_keystore_password}
 * @param trustedProxies     {@code trusted_proxies}
 * @param allowedOrigins     {@code allowed_origins}; empty allows any
 * @param compression        {@code enable_compression}
 */
public record ListeningConfig(
        String host,
        int port,
        boolean httpEnabled,
        int tlsPort,
        String tlsCertFile,
        String tlsKeyFile,
        String tlsKeystoreFile,
        Secret tlsKeystorePassword,
        List<String> trustedProxies,
        List<String> allowedOrigins,
        boolean compression) {}
