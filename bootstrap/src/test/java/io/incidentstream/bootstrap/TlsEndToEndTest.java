package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;
import io.incidentstream.bootstrap.TestCertificates.Issued;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The assembled server serving HTTPS and WSS with generated self-signed certificates: publish over
 * HTTPS, receive over WSS, from PEM files (RSA and EC) and from keystores (PKCS12 and JKS); plain
 * HTTP switched off; TLS 1.1 refused.
 */
class TlsEndToEndTest {

    @TempDir
    static Path dir;

    private static Issued rsa;
    private static Issued ec;
    private static Map<String, Path[]> pemFiles;

    private IncidentStreamServer server;
    private final List<HttpClient> httpClients = new ArrayList<>();
    private final List<WebSocketClient> webSocketClients = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        rsa = TestCertificates.selfSigned("RSA", "localhost");
        ec = TestCertificates.selfSigned("EC", "localhost");
        pemFiles = Map.of(
                "RSA",
                        new Path[] {
                            TestCertificates.writeCertificates(dir.resolve("rsa.crt"), rsa.certificate()),
                            TestCertificates.writePkcs8Key(dir.resolve("rsa.key"), rsa)
                        },
                "EC",
                        new Path[] {
                            TestCertificates.writeCertificates(dir.resolve("ec.crt"), ec.certificate()),
                            TestCertificates.writePkcs8Key(dir.resolve("ec.key"), ec)
                        });
    }

    @AfterEach
    void stop() throws Exception {
        for (WebSocketClient ws : webSocketClients) {
            ws.stop();
        }
        for (HttpClient http : httpClients) {
            http.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0} key")
    @ValueSource(strings = {"RSA", "EC"})
    void pemFiles_publishOverHttps_receiveOverWss(String algorithm) throws Exception {
        Path[] files = pemFiles.get(algorithm);
        start(Map.of("tls_cert_file", files[0].toString(), "tls_key_file", files[1].toString()));
        assertThat(server.port()).as("plain HTTP still served beside TLS").isPositive();
        assertThat(server.tlsPort()).isPositive().isNotEqualTo(server.port());

        publishOverHttpsAndReceiveOverWss(algorithm.equals("EC") ? ec.certificate() : rsa.certificate());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PKCS12", "JKS"})
    void keystore_publishOverHttps_receiveOverWss(String type) throws Exception {
        Path keystore = TestCertificates.writeKeystore(
                dir.resolve("server." + type.toLowerCase()), type, rsa, TestCertificates.KEYSTORE_PASSWORD);
        start(Map.of(
                "tls_keystore_file", keystore.toString(), "tls_keystore_password", TestCertificates.KEYSTORE_PASSWORD));

        publishOverHttpsAndReceiveOverWss(rsa.certificate());
    }

    @Test
    void httpDisabled_plainPortIsNotListening_httpsStillWorks() throws Exception {
        // Both ports chosen here, and held until both are known: a TLS port picked by the OS could
        // otherwise be the very port this test expects nobody to listen on.
        int plainPort;
        int tlsPort;
        try (ServerSocket plain = new ServerSocket(0);
                ServerSocket tls = new ServerSocket(0)) {
            plainPort = plain.getLocalPort();
            tlsPort = tls.getLocalPort();
        }
        Path[] files = pemFiles.get("RSA");
        start(Map.of(
                "http_enabled",
                "false",
                "port",
                Integer.toString(plainPort),
                "tls_port",
                Integer.toString(tlsPort),
                "tls_cert_file",
                files[0].toString(),
                "tls_key_file",
                files[1].toString()));

        assertThat(server.port()).isEqualTo(-1);
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", plainPort), 5_000);
                    }
                })
                .isInstanceOf(ConnectException.class);

        publishOverHttpsAndReceiveOverWss(rsa.certificate());
    }

    @Test
    void tls13IsNegotiatedByDefault_andTls12IsStillAccepted() throws Exception {
        startWithRsaPem();
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(TestCertificates.trusting(rsa.certificate()));
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }

        HttpClient tls12 = httpClient(rsa.certificate(), "TLSv1.2");
        assertThat(tls12.GET(httpsUrl("/api/v1/stats")).getStatus()).isEqualTo(200);
    }

    @Test
    void certificateForAnotherName_servesClientsThatChoseToTrustIt_noSniHostCheck() throws Exception {
        Issued elsewhere = TestCertificates.selfSignedFor("incident-stream.internal.example");
        start(Map.of(
                "tls_cert_file",
                TestCertificates.writeCertificates(dir.resolve("elsewhere.crt"), elsewhere.certificate())
                        .toString(),
                "tls_key_file",
                TestCertificates.writePkcs8Key(dir.resolve("elsewhere.key"), elsewhere)
                        .toString()));
        SslContextFactory.Client trustAll = new SslContextFactory.Client(true);
        trustAll.setEndpointIdentificationAlgorithm(null);
        HttpClient http = new HttpClient();
        http.setSslContextFactory(trustAll);
        httpClients.add(http);
        http.start();

        ContentResponse response = http.newRequest(httpsUrl("/api/v1/stats"))
                .headers(headers -> headers.put("Host", "localhost:" + server.tlsPort()))
                .send();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    }

    @Test
    void tls11_isRefused() throws Exception {
        startWithRsaPem();

        // A JDK client forced to TLS 1.1 fails its handshake (the JDK's own defaults also refuse 1.1
        // on the client side, so the next check speaks to the server directly).
        HttpClient tls11 = httpClient(rsa.certificate(), "TLSv1.1");
        assertThatThrownBy(() -> tls11.GET(httpsUrl("/api/v1/stats")))
                .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));

        // A hand-built TLS 1.1 ClientHello is answered with a fatal protocol_version alert; the same
        // hello offering TLS 1.2 gets a ServerHello, so the hello itself is well formed.
        assertThat(firstRecord(clientHello(0x02)))
                .as("TLS 1.1 hello: alert record, fatal, protocol_version")
                .startsWith(0x15)
                .endsWith(2, 70);
        int[] answer = firstRecord(clientHello(0x03));
        assertThat(answer).as("TLS 1.2 hello: handshake record").startsWith(0x16);
        assertThat(answer[5]).as("first handshake message: ServerHello").isEqualTo(2);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void startWithRsaPem() throws Exception {
        Path[] files = pemFiles.get("RSA");
        start(Map.of("tls_cert_file", files[0].toString(), "tls_key_file", files[1].toString()));
    }

    private void start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "tls_port", "0"));
        all.putAll(settings);
        server = ServerComponent.create(ServerConfig.defaults(all), Clock.systemUTC())
                .start();
    }

    private void publishOverHttpsAndReceiveOverWss(X509Certificate trusted) throws Exception {
        HttpClient http = httpClient(trusted);
        WebSocketClient ws = new WebSocketClient(http);
        webSocketClients.add(ws);
        ws.start();
        try (TestClient client = TestClient.connect(ws, URI.create("wss://127.0.0.1:" + server.tlsPort() + "/ws"))) {
            client.next("welcome");
            client.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\"}");
            client.next("subscribed");

            ContentResponse response = http.POST(httpsUrl("/api/v1/incidents"))
                    .body(new StringRequestContent(
                            "application/json",
                            "{\"severity\":\"P1\",\"source\":\"prometheus\",\"title\":\"checkout down over TLS\"}"))
                    .timeout(10, TimeUnit.SECONDS)
                    .send();
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);

            JsonNode event = client.next("event");
            assertThat(event.path("event").path("incident").path("title").asText())
                    .isEqualTo("checkout down over TLS");
        }
    }

    /** A client trusting exactly {@code trusted} (with host name verification), optionally forced to {@code protocols}. */
    private HttpClient httpClient(X509Certificate trusted, String... protocols) throws Exception {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setTrustStore(TestCertificates.trusting(trusted));
        if (protocols.length > 0) {
            ssl.setIncludeProtocols(protocols);
        }
        HttpClient http = new HttpClient();
        http.setSslContextFactory(ssl);
        httpClients.add(http);
        http.start();
        return http;
    }

    private String httpsUrl(String path) {
        return "https://127.0.0.1:" + server.tlsPort() + path;
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    /**
     * A minimal ClientHello with {@code client_version} 3.{@code minor}: ECDHE suites for RSA and EC
     * certificates, P-256, uncompressed points, SHA-256 signatures; no supported_versions
     * extension, so the version field is all the client offers.
     */
    private static byte[] clientHello(int minor) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(minor);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        int[] suites = {0xC02F, 0xC02B, 0xC013, 0xC009}; // ECDHE_{RSA,ECDSA}_WITH_AES_128_{GCM_SHA256,CBC_SHA}
        writeShort(body, suites.length * 2);
        for (int suite : suites) {
            writeShort(body, suite);
        }
        body.write(1); // one compression method: none
        body.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        writeShort(extensions, 0x000a); // supported_groups: secp256r1
        writeShort(extensions, 4);
        writeShort(extensions, 2);
        writeShort(extensions, 0x0017);
        writeShort(extensions, 0x000b); // ec_point_formats: uncompressed
        writeShort(extensions, 2);
        extensions.write(1);
        extensions.write(0);
        writeShort(
                extensions,
                0x000d); // signature_algorithms: rsa_pkcs1_sha256, ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256
        writeShort(extensions, 8);
        writeShort(extensions, 6);
        writeShort(extensions, 0x0401);
        writeShort(extensions, 0x0403);
        writeShort(extensions, 0x0804);
        writeShort(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16); // handshake
        record.write(3);
        record.write(1); // record-layer version 3.1, as clients commonly send
        writeShort(record, body.size() + 4);
        record.write(1); // client_hello
        record.write(0);
        writeShort(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xff);
    }

    /** Sends {@code hello} to the TLS port and returns the first record of the answer (type, version, length, then up to 2 bytes of content). */
    private int[] firstRecord(byte[] hello) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.tlsPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(hello);
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.readUnsignedByte();
            int major = in.readUnsignedByte();
            int minor = in.readUnsignedByte();
            int length = in.readUnsignedShort();
            int[] record = new int[5 + Math.min(2, length)];
            record[0] = type;
            record[1] = major;
            record[2] = minor;
            record[3] = length >>> 8;
            record[4] = length & 0xff;
            InputStream content = in;
            for (int i = 5; i < record.length; i++) {
                record[i] = content.read();
            }
            return record;
        }
    }
}
