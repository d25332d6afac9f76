package io.incidentstream.adapters.auth;

import static io.incidentstream.adapters.auth.TestTokens.NOW;
import static io.incidentstream.adapters.auth.TestTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentstream.application.port.out.TokenVerifier.Invalid;
import io.incidentstream.application.port.out.TokenVerifier.Valid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RS256/ES256 key comes from a PEM file as openssl writes it; wrong files are explained. */
class PemPublicKeysTest {

    @TempDir
    Path dir;

    private Path pem(String type, Key key) throws Exception {
        Path file = dir.resolve(type.replace(' ', '-').toLowerCase() + ".pem");
        Files.writeString(
                file,
                "-----BEGIN " + type + "-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                        + "\n-----END " + type + "-----\n");
        return file;
    }

    private static JwtTokenVerifier verifier(Path file) {
        return JwtTokenVerifier.builder()
                .publicKeyFile(file)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    @Test
    void rsaPublicKeyFile_verifiesRs256() throws Exception {
        KeyPair rsa = TestTokens.rsaKeys(2048);
        assertThat(verifier(pem("PUBLIC KEY", rsa.getPublic())).verify(TestTokens.rs256(claims(), rsa)))
                .isInstanceOf(Valid.class);
    }

    @Test
    void ecPublicKeyFile_verifiesEs256() throws Exception {
        KeyPair ec = TestTokens.ecKeys("secp256r1");
        assertThat(verifier(pem("PUBLIC KEY", ec.getPublic())).verify(TestTokens.es256(claims(), ec)))
                .isInstanceOf(Valid.class);
    }

    @Test
    void aFileOfSeveralKeys_acceptsTokensSignedWithAnyOfThem_soThatSigningKeysCanBeReplaced() throws Exception {
        KeyPair oldRsa = TestTokens.rsaKeys(2048);
        KeyPair newRsa = TestTokens.rsaKeys(2048);
        KeyPair ec = TestTokens.ecKeys("secp256r1");
        Path file = dir.resolve("keys.pem");
        Files.writeString(
                file,
                Files.readString(pem("PUBLIC KEY", oldRsa.getPublic()))
                        + Files.readString(pem("PUBLIC KEY", newRsa.getPublic()))
                        + Files.readString(pem("PUBLIC KEY", ec.getPublic())));
        JwtTokenVerifier verifier = verifier(file);
        for (String token : new String[] {
            TestTokens.rs256(claims(), oldRsa), TestTokens.rs256(claims(), newRsa), TestTokens.es256(claims(), ec)
        }) {
            assertThat(verifier.verify(token)).isInstanceOf(Valid.class);
        }
        assertThat(verifier.verify(TestTokens.rs256(claims(), TestTokens.rsaKeys(2048))))
                .isEqualTo(new Invalid("bad signature"));
    }

    @Test
    void privateKeyFile_isRefused_withAHint() throws Exception {
        Path file = pem("PRIVATE KEY", TestTokens.ecKeys("secp256r1").getPrivate());
        assertThatThrownBy(() -> verifier(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("private key");
    }

    @Test
    void missingOrGarbageFile_isRefused_namingTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> verifier(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read public key file " + missing);
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "hello\n");
        assertThatThrownBy(() -> verifier(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(garbage.toString())
                .hasMessageContaining("BEGIN PUBLIC KEY");
        Path notAKey = dir.resolve("not-a-key.pem");
        Files.writeString(notAKey, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> verifier(notAKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an RSA or EC public key");
    }
}
