package io.incidentstream.bootstrap;

import io.incidentstream.bootstrap.config.ConfigurationException;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    private static final String PEM_KEYS = "tls_cert_file and tls_key_file";
    private static final String KEYSTORE_KEYS = "tls_keystore_file and tls_keystore_password";

    private TlsConnectors() {
    }

    /**
     * The TLS context the configuration asks for, or empty when TLS is not configured. Also checks
     * that something is served at all ({@code http_enabled=false} needs TLS) and that plain HTTP
     * and TLS do not share a port.
     */
    static Optional<SslContextFactory.Server> sslContextFactory(ServerConfig config) {
        String certFile = config.text("tls_cert_file");
        String keyFile = config.text("tls_key_file");
        String keystoreFile = config.text("tls_keystore_file");
        String keystorePassword = config.text("tls_keystore_password");
        boolean pem = !certFile.isEmpty() || !keyFile.isEmpty();
        boolean keystore = !keystoreFile.isEmpty() || !keystorePassword.isEmpty();
        boolean http = config.flag("http_enabled");

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
        int port = config.integer("port");
        int tlsPort = config.integer("tls_port");
        if (http && port != 0 && port == tlsPort) {
            throw new ConfigurationException("port and tls_port are both " + port + ": plain HTTP and TLS need"
                    + " different ports (or set http_enabled to false)");
        }

        String password;
        KeyStore keys;
        if (pem) {
            password = UUID.randomUUID().toString();
            keys = fromPem(readableFile("tls_cert_file", certFile), readableFile("tls_key_file", keyFile),
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
    static ServerConnector connector(Server jetty, SslContextFactory.Server ssl, HttpConfiguration plain,
                                     String host, int port) {
        HttpConfiguration https = new HttpConfiguration(plain);
        https.setSecureScheme("https");
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(jetty,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
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

    private static byte[] read(String key, Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigurationException(key + ": cannot read " + path + ": " + e.getMessage());
        }
    }

    // ---- PEM ----------------------------------------------------------------------------------

    private static KeyStore fromPem(Path certFile, Path keyFile, char[] password) {
        List<X509Certificate> chain = certificates(certFile);
        X509Certificate leaf = chain.get(0);
        String algorithm = leaf.getPublicKey().getAlgorithm();
        if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
            throw new ConfigurationException("tls_cert_file: the certificate in " + certFile + " has a " + algorithm
                    + " key; only RSA and EC keys are supported");
        }
        PrivateKey key = privateKey(keyFile, algorithm);
        if (!matches(leaf, key)) {
            boolean laterMatches = chain.stream().skip(1).anyMatch(other -> matches(other, key));
            throw new ConfigurationException(laterMatches
                    ? "tls_cert_file: the certificate of tls_key_file is not the first one in " + certFile
                            + "; put the server certificate first, then its issuers"
                    : "tls_key_file: the private key in " + keyFile + " does not belong to the certificate in "
                            + "tls_cert_file (" + certFile + ")");
        }
        warnIfNotValidNow("tls_cert_file", leaf);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory PKCS12 keystore", e);
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        List<Pem> blocks = pem("tls_cert_file", file);
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no X.509 support in this JVM", e);
        }
        for (Pem block : blocks) {
            if (!block.label().equals("CERTIFICATE")) {
                continue;
            }
            try {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (GeneralSecurityException e) {
                throw new ConfigurationException("tls_cert_file: certificate " + (chain.size() + 1) + " in " + file
                        + " is not a valid X.509 certificate: " + e.getMessage());
            }
        }
        if (chain.isEmpty()) {
            boolean key = blocks.stream().anyMatch(block -> block.label().endsWith("PRIVATE KEY"));
            throw new ConfigurationException("tls_cert_file: " + file + " holds no PEM certificate (-----BEGIN"
                    + " CERTIFICATE-----)" + (key ? "; it holds a private key: are tls_cert_file and tls_key_file"
                    + " swapped?" : ""));
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file, String algorithm) {
        List<Pem> keys = pem("tls_key_file", file).stream()
                .filter(block -> block.label().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            throw new ConfigurationException("tls_key_file: " + file + " holds no PEM private key (-----BEGIN PRIVATE"
                    + " KEY-----)");
        }
        if (keys.size() > 1) {
            throw new ConfigurationException("tls_key_file: " + file + " holds " + keys.size()
                    + " private keys; it must hold exactly one");
        }
        Pem block = keys.get(0);
        switch (block.label()) {
            case "PRIVATE KEY" -> {
                // PKCS#8, as wanted.
            }
            case "ENCRYPTED PRIVATE KEY" -> throw new ConfigurationException("tls_key_file: the key in " + file
                    + " is encrypted; decrypt it (openssl pkcs8 -in KEY -out PLAIN_KEY, and keep that file private)"
                    + " or use tls_keystore_file and tls_keystore_password instead");
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new ConfigurationException("tls_key_file: the key in "
                    + file + " is in the traditional OpenSSL format (" + block.label() + "); convert it to PKCS#8"
                    + " with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem");
            default -> throw new ConfigurationException("tls_key_file: " + file + " holds a " + block.label()
                    + ", not a PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(block.der()));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("tls_key_file: " + file + " is not a PKCS#8 " + algorithm
                    + " private key, as the certificate in tls_cert_file needs: " + e.getMessage());
        }
    }

    /** Whether {@code key} is the private half of the certificate's public key: it signs, the certificate verifies. */
    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        if (!algorithm.equals(key.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            String scheme = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            Signature signer = Signature.getInstance(scheme);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(scheme);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private record Pem(String label, byte[] der) {
    }

    private static List<Pem> pem(String key, Path file) {
        String text = new String(read(key, file), StandardCharsets.ISO_8859_1);
        List<Pem> blocks = new ArrayList<>();
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Pem(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key + ": the " + matcher.group(1) + " block in " + file
                        + " is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new ConfigurationException(key + ": " + file + " is not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }

    // ---- keystore -----------------------------------------------------------------------------

    private static KeyStore fromKeystore(Path file, char[] password) {
        KeyStore store;
        try {
            // Detects the type (PKCS12 or JKS) from the content.
            store = KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            throw new ConfigurationException("tls_keystore_file: cannot open " + file + " with tls_keystore_password"
                    + " (wrong password, or a damaged keystore): " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException("tls_keystore_file: " + file + " is not a PKCS12 or JKS keystore: "
                    + e.getMessage());
        }
        try {
            List<String> withKeys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificateChain(alias) != null) {
                    withKeys.add(alias);
                }
            }
            if (withKeys.isEmpty()) {
                throw new ConfigurationException("tls_keystore_file: " + file + " holds no private key with a"
                        + " certificate chain");
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
            throw new ConfigurationException("tls_keystore_file: cannot read the keys in " + file + ": "
                    + e.getMessage());
        }
    }

    private static void warnIfNotValidNow(String key, X509Certificate certificate) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            LOG.warn("{}: the certificate for {} expired on {}; clients will refuse it", key,
                    certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            LOG.warn("{}: the certificate for {} is not valid before {}; clients will refuse it until then", key,
                    certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant());
        }
    }
}
