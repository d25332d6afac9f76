package io.incidentstream.bootstrap;

import io.incidentstream.bootstrap.config.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS key store from PEM files: the certificate chain ({@code tls_cert_file}, server certificate
 * first) and its PKCS#8 private key ({@code tls_key_file}, RSA or EC). Every mistake an operator
 * can make with these files is a {@link ConfigurationException} that says how to fix it.
 */
final class PemKeyStore {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemKeyStore() {}

    /** The certificate chain and private key of two PEM files, checked to belong together, as an in-memory PKCS12 store. */
    static KeyStore load(Path certFile, Path keyFile, char[] password) {
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
            throw new ConfigurationException(
                    laterMatches
                            ? "tls_cert_file: the certificate of tls_key_file is not the first one in " + certFile
                                    + "; put the server certificate first, then its issuers"
                            : "tls_key_file: the private key in " + keyFile + " does not belong to the certificate in "
                                    + "tls_cert_file (" + certFile + ")");
        }
        TlsConnectors.warnIfNotValidNow("tls_cert_file", leaf);
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
                    + " CERTIFICATE-----)"
                    + (key ? "; it holds a private key: are tls_cert_file and tls_key_file" + " swapped?" : ""));
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file, String algorithm) {
        List<Pem> keys = pem("tls_key_file", file).stream()
                .filter(block -> block.label().endsWith("PRIVATE KEY"))
                .toList();
        if (keys.isEmpty()) {
            throw new ConfigurationException(
                    "tls_key_file: " + file + " holds no PEM private key (-----BEGIN PRIVATE" + " KEY-----)");
        }
        if (keys.size() > 1) {
            throw new ConfigurationException(
                    "tls_key_file: " + file + " holds " + keys.size() + " private keys; it must hold exactly one");
        }
        Pem block = keys.get(0);
        switch (block.label()) {
            case "PRIVATE KEY" -> {
                // PKCS#8, as wanted.
            }
            case "ENCRYPTED PRIVATE KEY" ->
                throw new ConfigurationException("tls_key_file: the key in " + file
                        + " is encrypted; decrypt it (openssl pkcs8 -in KEY -out PLAIN_KEY, and keep that file private)"
                        + " or use tls_keystore_file and tls_keystore_password instead");
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
                throw new ConfigurationException("tls_key_file: the key in "
                        + file + " is in the traditional OpenSSL format (" + block.label() + "); convert it to PKCS#8"
                        + " with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem");
            default ->
                throw new ConfigurationException("tls_key_file: " + file + " holds a " + block.label()
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

    private record Pem(String label, byte[] der) {}

    private static List<Pem> pem(String key, Path file) {
        String text = new String(TlsConnectors.read(key, file), StandardCharsets.ISO_8859_1);
        List<Pem> blocks = new ArrayList<>();
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Pem(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(
                        key + ": the " + matcher.group(1) + " block in " + file + " is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new ConfigurationException(key + ": " + file + " is not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }
}
