package io.incidentstream.bootstrap;

import io.incidentstream.bootstrap.config.ConfigurationException;
import io.incidentstream.bootstrap.config.ListeningConfig;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS and WSS served directly: the TLS context built from PEM files ({@code tls_cert_file} +
 * {@code tls_key_file}) or a keystore ({@code tls_keystore_file} + {@code tls_keystore_password}),
 * and the connector serving HTTP/1.1, and so WebSocket upgrades, over it.
 *
 * <p>Only TLS 1.3 and 1.2 are offered, with Jetty's default cipher-suite exclusions (no NULL,
 * anonymous, MD5 or SHA-1 MAC, or static-RSA key-exchange suites) and no renegotiation. Every
 * problem with the configuration (a half-set pair, both forms at once, a missing or unreadable
 * file, a key that does not match its certificate, plain HTTP disabled with no TLS) is a
 * {@link ConfigurationException} naming the keys involved, raised while the server is assembled,
 * before any port is bound.
 */
final class TlsConnectors {

    /** The protocol versions offered, newest first. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final Logger LOG = LoggerFactory.getLogger(TlsConnectors.class);
    private static final String PEM_KEYS = "tls_cert_file and tls_key_file";
    private static final String KEYSTORE_KEYS = "tls_keystore_file and tls_keystore_password";

    private TlsConnectors() {}

    /**
     * The TLS context the configuration asks for, or empty when TLS is not configured. Also checks
     * that something is served at all ({@code http_enabled=false} needs TLS) and that plain HTTP
     * and TLS do not share a port.
     */
    static Optional<SslContextFactory.Server> sslContextFactory(ServerConfig config) {
        ListeningConfig listening = config.listening();
        String certFile = listening.tlsCertFile();
        String keyFile = listening.tlsKeyFile();
        String keystoreFile = listening.tlsKeystoreFile();
        String keystorePassword = listening.tlsKeystorePassword().value();
        boolean pem = !certFile.isEmpty() || !keyFile.isEmpty();
        boolean keystore = !keystoreFile.isEmpty() || !keystorePassword.isEmpty();
        boolean http = listening.httpEnabled();

        if (pem && keystore) {
            throw new ConfigurationException("TLS is configured twice: set either " + PEM_KEYS + " (PEM files) or "
                    + KEYSTORE_KEYS + ", not both");
        }
        if (pem) {
            requirePair("tls_cert_file", certFile, "tls_key_file", keyFile, "PEM files");
        }
        if (keystore) {
            requirePair("tls_keystore_file", keystoreFile, "tls_keystore_password", keystorePassword, "a keystore");
        }
        if (!pem && !keystore) {
            if (!http) {
                throw new ConfigurationException("http_enabled is false but TLS is not configured, so nothing would be"
                        + " served: set " + PEM_KEYS + ", or " + KEYSTORE_KEYS + ", or set http_enabled to true");
            }
            return Optional.empty();
        }
        int port = listening.port();
        int tlsPort = listening.tlsPort();
        if (http && port != 0 && port == tlsPort) {
            throw new ConfigurationException("port and tls_port are both " + port + ": plain HTTP and TLS need"
                    + " different ports (or set http_enabled to false)");
        }

        String password;
        KeyStore keys;
        if (pem) {
            password = UUID.randomUUID().toString();
            keys = PemKeyStore.load(
                    readableFile("tls_cert_file", certFile),
                    readableFile("tls_key_file", keyFile),
                    password.toCharArray());
        } else {
            password = keystorePassword;
            keys = fromKeystore(readableFile("tls_keystore_file", keystoreFile), password.toCharArray());
        }

        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword(password);
        ssl.setKeyManagerPassword(password);
        ssl.setIncludeProtocols(PROTOCOLS.toArray(String[]::new));
        // Jetty's default cipher-suite exclusions stay as they are: they are the modern defaults.
        ssl.setRenegotiationAllowed(false);
        // Clients that connect by IP address send no SNI; one certificate serves every name.
        ssl.setSniRequired(false);
        return Optional.of(ssl);
    }

    /**
     * The HTTPS/WSS connector: TLS, then HTTP/1.1 with the plain port's settings plus the secure
     * request customizer (requests are marked secure; no SNI host check, since self-signed and
     * local certificates often name no host the client uses, and the handshake has already
     * decided whom the client trusts).
     */
    static ServerConnector connector(
            Server jetty, SslContextFactory.Server ssl, HttpConfiguration plain, String host, int port, boolean http2) {
        HttpConfiguration https = new HttpConfiguration(plain);
        https.setSecureScheme("https");
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = http2
                ? Http2.secureConnector(jetty, ssl, https)
                : new ServerConnector(
                        jetty,
                        new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                        new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptedSendBufferSize(IncidentStreamServer.SEND_BUFFER_BYTES);
        return connector;
    }

    private static void requirePair(String firstKey, String first, String secondKey, String second, String form) {
        if (first.isEmpty() || second.isEmpty()) {
            String set = first.isEmpty() ? secondKey : firstKey;
            String missing = first.isEmpty() ? firstKey : secondKey;
            throw new ConfigurationException(set + " is set but " + missing + " is not: TLS from " + form
                    + " needs both " + firstKey + " and " + secondKey);
        }
    }

    private static Path readableFile(String key, String value) {
        Path path;
        try {
            path = Path.of(value).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new ConfigurationException(key + ": '" + value + "' is not a valid path");
        }
        if (!Files.exists(path)) {
            throw new ConfigurationException(key + ": " + path + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationException(key + ": " + path + " is not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new ConfigurationException(key + ": " + path + " is not readable by this process");
        }
        return path;
    }

    static byte[] read(String key, Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigurationException(key + ": cannot read " + path + ": " + e.getMessage());
        }
    }

    private static KeyStore fromKeystore(Path file, char[] password) {
        KeyStore store;
        try {
            // Detects the type (PKCS12 or JKS) from the content.
            store = KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            throw new ConfigurationException("tls_keystore_file: cannot open " + file + " with tls_keystore_password"
                    + " (wrong password, or a damaged keystore): " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException(
                    "tls_keystore_file: " + file + " is not a PKCS12 or JKS keystore: " + e.getMessage());
        }
        try {
            List<String> withKeys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificateChain(alias) != null) {
                    withKeys.add(alias);
                }
            }
            if (withKeys.isEmpty()) {
                throw new ConfigurationException(
                        "tls_keystore_file: " + file + " holds no private key with a" + " certificate chain");
            }
            for (String alias : withKeys) {
                try {
                    store.getKey(alias, password);
                } catch (java.security.UnrecoverableKeyException e) {
                    throw new ConfigurationException("tls_keystore_password: opens " + file + " but not the key '"
                            + alias + "' inside it; the key must have the keystore's password");
                }
                if (store.getCertificateChain(alias)[0] instanceof X509Certificate leaf) {
                    warnIfNotValidNow("tls_keystore_file", leaf);
                }
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(
                    "tls_keystore_file: cannot read the keys in " + file + ": " + e.getMessage());
        }
    }

    static void warnIfNotValidNow(String key, X509Certificate certificate) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            LOG.warn(
                    "{}: the certificate for {} expired on {}; clients will refuse it",
                    key,
                    certificate.getSubjectX500Principal().getName(),
                    certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            LOG.warn(
                    "{}: the certificate for {} is not valid before {}; clients will refuse it until then",
                    key,
                    certificate.getSubjectX500Principal().getName(),
                    certificate.getNotBefore().toInstant());
        }
    }
}
