package io.incidentstream.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed server certificates for the TLS tests, minted with BouncyCastle's certificate
 * builder on the JDK's own crypto providers (no provider is registered), valid for
 * {@code localhost} and {@code 127.0.0.1}, and written as the files an operator would configure.
 */
final class TestCertificates {

    static final String KEYSTORE_PASSWORD = "keystore secret";

    /** A key pair and its self-signed certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {}

    private TestCertificates() {}

    /** {@code algorithm} is "RSA" (2048 bits) or "EC" (P-256); valid for localhost and 127.0.0.1. */
    static Issued selfSigned(String algorithm, String commonName) throws Exception {
        return selfSigned(algorithm, commonName, new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        });
    }

    /** A certificate naming only {@code dnsName}: what a server reached by another name presents. */
    static Issued selfSignedFor(String dnsName) throws Exception {
        return selfSigned("RSA", dnsName, new GeneralName[] {new GeneralName(GeneralName.dNSName, dnsName)});
    }

    private static Issued selfSigned(String algorithm, String commonName, GeneralName[] names) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                name,
                keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        String signature = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
        return new Issued(keys, certificate);
    }

    /** The certificates as PEM ({@code -----BEGIN CERTIFICATE-----}), in the order given. */
    static Path writeCertificates(Path file, X509Certificate... chain) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : chain) {
                pem.writeObject(certificate);
            }
        }
        return file;
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    static Path writePkcs8Key(Path file, Issued issued) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaPKCS8Generator(issued.keys().getPrivate(), null));
        }
        return file;
    }

    /** The private key in OpenSSL's traditional format ({@code -----BEGIN RSA PRIVATE KEY-----}). */
    static Path writeTraditionalKey(Path file, Issued issued) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(issued.keys().getPrivate());
        }
        return file;
    }

    /** A keystore of {@code type} (PKCS12 or JKS) holding the key and certificate, key and store under one password. */
    static Path writeKeystore(Path file, String type, Issued issued, String password) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setKeyEntry(
                "server", issued.keys().getPrivate(), password.toCharArray(), new Certificate[] {issued.certificate()});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /** A trust store holding just {@code certificate}: what a client configured to trust this server uses. */
    static KeyStore trusting(X509Certificate certificate) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("server", certificate);
        return store;
    }
}
