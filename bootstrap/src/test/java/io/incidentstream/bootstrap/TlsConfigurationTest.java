package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.bootstrap.TestCertificates.Issued;
import io.incidentstream.bootstrap.config.ConfigurationException;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS settings: defaults, the protocols offered, and every bad combination or file failing
 * start-up (while the server is assembled, before any port is bound) with a message naming the keys.
 */
class TlsConfigurationTest {

    @TempDir
    static Path dir;

    private static Issued rsa;
    private static Issued ec;
    private static Path cert;
    private static Path key;

    @BeforeAll
    static void certificates() throws Exception {
        rsa = TestCertificates.selfSigned("RSA", "localhost");
        ec = TestCertificates.selfSigned("EC", "localhost");
        cert = TestCertificates.writeCertificates(dir.resolve("server.crt"), rsa.certificate());
        key = TestCertificates.writePkcs8Key(dir.resolve("server.key"), rsa);
    }

    @Test
    void defaults_plainHttpOn_tlsOff_tlsPort8443() {
        ServerConfig config = ServerConfig.defaults(Map.of());
        assertThat(config.listening().httpEnabled()).isTrue();
        assertThat(config.listening().tlsPort()).isEqualTo(8443);
        assertThat(config.listening().tlsCertFile()).isEmpty();
        assertThat(config.listening().tlsKeystoreFile()).isEmpty();
        assertThat(TlsConnectors.sslContextFactory(config)).isEmpty();
    }

    @Test
    void keystorePassword_isNeverShown() {
        ServerConfig config = ServerConfig.defaults(Map.of("tls_keystore_password", "hunter2"));
        assertThat(config.listening().tlsKeystorePassword().value()).isEqualTo("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2").contains("tls_keystore_password=(hidden)");
        assertThat(config.listening().toString()).doesNotContain("hunter2");
    }

    @Test
    void onlyTls13And12_areOffered_withJettysCipherExclusions() throws Exception {
        SslContextFactory.Server ssl = TlsConnectors.sslContextFactory(
                        config(Map.of("tls_cert_file", cert.toString(), "tls_key_file", key.toString())))
                .orElseThrow();
        // Configured explicitly, so that a JVM whose java.security still allows TLS 1.0/1.1 does not offer them.
        assertThat(ssl.getIncludeProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        ssl.start();
        try {
            assertThat(ssl.getSelectedProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(ssl.getSelectedCipherSuites())
                    .isNotEmpty()
                    .noneMatch(suite -> suite.startsWith("TLS_RSA_")
                            || suite.startsWith("SSL_")
                            || suite.contains("_NULL_")
                            || suite.contains("_anon_")
                            || suite.endsWith("_SHA")
                            || suite.endsWith("_MD5"));
            assertThat(ssl.isRenegotiationAllowed()).isFalse();
        } finally {
            ssl.stop();
        }
    }

    @Test
    void halfSetPemPair_namesTheMissingKey() {
        failsStartUp(Map.of("tls_cert_file", cert.toString()))
                .hasMessageContaining("tls_cert_file is set but tls_key_file is not");
        failsStartUp(Map.of("tls_key_file", key.toString()))
                .hasMessageContaining("tls_key_file is set but tls_cert_file is not");
    }

    @Test
    void halfSetKeystorePair_namesTheMissingKey() {
        failsStartUp(Map.of("tls_keystore_file", "server.p12"))
                .hasMessageContaining("tls_keystore_file is set but tls_keystore_password is not");
        failsStartUp(Map.of("tls_keystore_password", "pw-4711"))
                .hasMessageContaining("tls_keystore_password is set but tls_keystore_file is not")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw-4711"));
    }

    @Test
    void bothForms_areRefused() {
        failsStartUp(Map.of(
                        "tls_cert_file",
                        cert.toString(),
                        "tls_key_file",
                        key.toString(),
                        "tls_keystore_file",
                        "server.p12",
                        "tls_keystore_password",
                        "secret"))
                .hasMessageContaining("tls_cert_file")
                .hasMessageContaining("tls_keystore_file")
                .hasMessageContaining("not both");
    }

    @Test
    void httpDisabledWithoutTls_isRefused() {
        failsStartUp(Map.of("http_enabled", "false"))
                .hasMessageContaining("http_enabled is false but TLS is not configured");
    }

    @Test
    void plainAndTlsOnOnePort_isRefused() {
        failsStartUp(Map.of(
                        "port",
                        "9443",
                        "tls_port",
                        "9443",
                        "tls_cert_file",
                        cert.toString(),
                        "tls_key_file",
                        key.toString()))
                .hasMessageContaining("port and tls_port are both 9443");
    }

    @Test
    void missingOrUnusableFiles_nameTheKeyAndThePath() {
        Path missing = dir.resolve("missing.pem");
        failsStartUp(Map.of("tls_cert_file", missing.toString(), "tls_key_file", key.toString()))
                .hasMessageContaining("tls_cert_file")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        failsStartUp(Map.of("tls_cert_file", cert.toString(), "tls_key_file", dir.toString()))
                .hasMessageContaining("tls_key_file")
                .hasMessageContaining("is not a regular file");
        failsStartUp(Map.of("tls_keystore_file", missing.toString(), "tls_keystore_password", "secret"))
                .hasMessageContaining("tls_keystore_file")
                .hasMessageContaining("does not exist");
    }

    @Test
    void unreadableFile_namesTheKey() throws Exception {
        Path locked = Files.copy(key, dir.resolve("locked.key"));
        boolean changed = locked.toFile().setReadable(false, false);
        try {
            if (changed && !Files.isReadable(locked)) { // root reads everything: nothing to test then
                failsStartUp(Map.of("tls_cert_file", cert.toString(), "tls_key_file", locked.toString()))
                        .hasMessageContaining("tls_key_file")
                        .hasMessageContaining("is not readable");
            }
        } finally {
            locked.toFile().setReadable(true, false);
        }
    }

    @Test
    void wrongFileContents_explainWhatIsWrong() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        failsStartUp(Map.of("tls_cert_file", garbage.toString(), "tls_key_file", key.toString()))
                .hasMessageContaining("tls_cert_file")
                .hasMessageContaining("is not a PEM file");
        failsStartUp(Map.of("tls_cert_file", key.toString(), "tls_key_file", cert.toString()))
                .hasMessageContaining("tls_cert_file")
                .hasMessageContaining("swapped");
        Path traditional = TestCertificates.writeTraditionalKey(dir.resolve("traditional.key"), rsa);
        failsStartUp(Map.of("tls_cert_file", cert.toString(), "tls_key_file", traditional.toString()))
                .hasMessageContaining("tls_key_file")
                .hasMessageContaining("RSA PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8");
        Path ecKey = TestCertificates.writePkcs8Key(dir.resolve("ec.key"), ec);
        failsStartUp(Map.of("tls_cert_file", cert.toString(), "tls_key_file", ecKey.toString()))
                .hasMessageContaining("tls_key_file")
                .hasMessageContaining("PKCS#8 RSA private key");
    }

    @Test
    void keyOfAnotherCertificate_isRefused() throws Exception {
        Issued other = TestCertificates.selfSigned("RSA", "other");
        Path otherKey = TestCertificates.writePkcs8Key(dir.resolve("other.key"), other);
        failsStartUp(Map.of("tls_cert_file", cert.toString(), "tls_key_file", otherKey.toString()))
                .hasMessageContaining("tls_key_file")
                .hasMessageContaining("does not belong to the certificate");
        Path wrongOrder = TestCertificates.writeCertificates(
                dir.resolve("wrong-order.crt"), other.certificate(), rsa.certificate());
        failsStartUp(Map.of("tls_cert_file", wrongOrder.toString(), "tls_key_file", key.toString()))
                .hasMessageContaining("tls_cert_file")
                .hasMessageContaining("put the server certificate first");
    }

    @Test
    void wrongKeystorePassword_namesTheKeys() throws Exception {
        Path keystore = TestCertificates.writeKeystore(dir.resolve("server.p12"), "PKCS12", rsa, "pw-right-1");
        failsStartUp(Map.of("tls_keystore_file", keystore.toString(), "tls_keystore_password", "pw-wrong-2"))
                .hasMessageContaining("tls_keystore_file")
                .hasMessageContaining("tls_keystore_password")
                .satisfies(e ->
                        assertThat(e.getMessage()).doesNotContain("pw-wrong-2").doesNotContain("pw-right-1"));
        Path notAKeystore = Files.writeString(dir.resolve("not-a-keystore.p12"), "hello");
        failsStartUp(Map.of("tls_keystore_file", notAKeystore.toString(), "tls_keystore_password", "right"))
                .hasMessageContaining("tls_keystore_file");
    }

    private static ServerConfig config(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "tls_port", "0"));
        all.putAll(settings);
        return ServerConfig.defaults(all);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failsStartUp(Map<String, String> settings) {
        return assertThatThrownBy(() -> ServerComponent.create(config(settings), Clock.systemUTC())
                        .start())
                .isInstanceOf(ConfigurationException.class);
    }
}
