package io.incidentstream.adapters.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the public keys that check RS256/ES256 token signatures from a PEM file: a
 * {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo, as {@code openssl pkey -pubout} writes) or a
 * {@code CERTIFICATE}. The JDK's own parsers do the work, so no BouncyCastle is needed.
 */
final class PemPublicKeys {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private PemPublicKeys() {}

    /**
     * Every key of the file: each {@code PUBLIC KEY} block (the old and the new key, while tokens
     * move from one to the other), and the key of the first {@code CERTIFICATE} (those after it are
     * its chain, whose keys sign certificates, not tokens).
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no usable key
     */
    static List<PublicKey> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read public key file " + file + ": "
                            + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()),
                    e);
        }
        List<PublicKey> keys = new ArrayList<>();
        boolean certificateRead = false;
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            if (type.contains("PRIVATE KEY")) {
                throw new IllegalArgumentException("public key file " + file + " holds a private key: give the server"
                        + " only the public key (openssl pkey -in private.pem -pubout)");
            }
            if (type.equals("PUBLIC KEY")) {
                keys.add(publicKey(der(block, type, file), file));
            } else if (type.equals("CERTIFICATE") && !certificateRead) {
                keys.add(certificateKey(der(block, type, file), file));
                certificateRead = true;
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("public key file " + file + " holds no '-----BEGIN PUBLIC KEY-----' or"
                    + " '-----BEGIN CERTIFICATE-----' block (a PKCS#1 'RSA PUBLIC KEY' can be converted with"
                    + " openssl rsa -RSAPublicKey_in -in key.pem -pubout)");
        }
        return keys;
    }

    private static byte[] der(Matcher block, String type, Path file) {
        try {
            return Base64.getMimeDecoder().decode(block.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "public key file " + file + ": the " + type + " block is not valid base64");
        }
    }

    private static PublicKey publicKey(byte[] der, Path file) {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // Not this kind of key: try the next.
            }
        }
        throw new IllegalArgumentException("public key file " + file + ": not an RSA or EC public key");
    }

    private static PublicKey certificateKey(byte[] der, Path file) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der))
                    .getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("public key file " + file + ": not a valid X.509 certificate");
        }
    }
}
