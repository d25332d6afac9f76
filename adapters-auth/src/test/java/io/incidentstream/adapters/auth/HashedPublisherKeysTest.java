package io.incidentstream.adapters.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publisher keys from every source, compared by hash; no key ever shows in a message or toString. */
class HashedPublisherKeysTest {

    private static final String KEY = "pk_live_7f3a9c1e5b2d4f60";
    private static final String OTHER_KEY = "pk_live_0000000000000000";
    private static final String HASHED_KEY = "pk_hashed_9b8a7c6d5e4f3a2b";

    @TempDir
    Path dir;

    @Test
    void rawKey_isAccepted_andNothingElse() {
        HashedPublisherKeys keys =
                HashedPublisherKeys.builder().rawKeys(List.of(KEY)).build();
        assertThat(keys.configured()).isTrue();
        assertThat(keys.accepts(KEY)).isTrue();
        assertThat(keys.accepts(OTHER_KEY)).isFalse();
        assertThat(keys.accepts(KEY + " ")).isFalse();
        assertThat(keys.accepts(KEY.toUpperCase())).isFalse();
    }

    @Test
    void hashedKey_acceptsTheKeyItWasMadeFrom() {
        String hash = HashedPublisherKeys.hashOf(HASHED_KEY);
        assertThat(hash).matches("sha256:[0-9a-f]{64}");
        HashedPublisherKeys keys = HashedPublisherKeys.builder()
                .hashes(List.of(hash.toUpperCase().replace("SHA256", "sha256")))
                .build();
        assertThat(keys.accepts(HASHED_KEY)).isTrue();
        assertThat(keys.accepts(hash)).as("the hash itself is not a key").isFalse();
        assertThat(keys.accepts(KEY)).isFalse();
    }

    @Test
    void sha256OfAKnownValue_matchesTheStandardDigest() {
        // echo -n 'abcdefghijklmnopq' | sha256sum, so operators can hash keys with standard tools.
        assertThat(HashedPublisherKeys.hashOf("abc"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void file_holdsRawKeysAndHashes_withCommentsAndBlankLines() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(
                file,
                "# publishers\n\n  " + KEY + "  \n# the SIEM\n" + HashedPublisherKeys.hashOf(HASHED_KEY) + "\n   \n");
        HashedPublisherKeys keys = HashedPublisherKeys.builder().file(file).build();
        assertThat(keys.accepts(KEY)).isTrue();
        assertThat(keys.accepts(HASHED_KEY)).isTrue();
        assertThat(keys.accepts("# publishers")).isFalse();
        assertThat(keys.accepts(OTHER_KEY)).isFalse();
        assertThat(keys).hasToString("HashedPublisherKeys[2 keys]");
    }

    @Test
    void allSources_combine() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, OTHER_KEY + "\n");
        HashedPublisherKeys keys = HashedPublisherKeys.builder()
                .rawKeys(List.of(KEY))
                .hashes(List.of(HashedPublisherKeys.hashOf(HASHED_KEY)))
                .file(file)
                .build();
        assertThat(List.of(KEY, HASHED_KEY, OTHER_KEY)).allMatch(keys::accepts);
    }

    @Test
    void emptyOrMissingKey_isNeverAccepted() {
        HashedPublisherKeys keys = HashedPublisherKeys.builder()
                .rawKeys(List.of(KEY))
                .hashes(List.of(HashedPublisherKeys.hashOf("")))
                .build();
        assertThat(keys.accepts("")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
    }

    @Test
    void noKeys_isNotConfigured() {
        HashedPublisherKeys keys = HashedPublisherKeys.builder()
                .rawKeys(List.of())
                .hashes(List.of())
                .build();
        assertThat(keys.configured()).isFalse();
        assertThat(keys.accepts(KEY)).isFalse();
    }

    @Test
    void toString_showsOnlyTheCount() {
        HashedPublisherKeys keys = HashedPublisherKeys.builder()
                .rawKeys(List.of(KEY))
                .hashes(List.of(HashedPublisherKeys.hashOf(HASHED_KEY)))
                .build();
        assertThat(keys.toString())
                .isEqualTo("HashedPublisherKeys[2 keys]")
                .doesNotContain(KEY)
                .doesNotContain(HashedPublisherKeys.hashOf(HASHED_KEY).substring(7));
    }

    @Test
    void shortOrBlankRawKey_isRefused_withoutEchoingIt() {
        assertThatThrownBy(() -> HashedPublisherKeys.builder().rawKeys(List.of(KEY, "letmein")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raw key #2")
                .hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("letmein");
        assertThatThrownBy(() -> HashedPublisherKeys.builder().rawKeys(List.of("   ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedHash_isRefused_withoutEchoingIt() {
        assertThatThrownBy(() -> HashedPublisherKeys.builder().hashes(List.of("sha256:" + KEY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key hash #1")
                .hasMessageContaining("64 hex digits")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> HashedPublisherKeys.builder().hashes(List.of("md5:abc")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unreadableFile_isRefused_namingTheFile() {
        Path missing = dir.resolve("no-such-keys");
        assertThatThrownBy(() -> HashedPublisherKeys.builder().file(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read API keys file " + missing)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> HashedPublisherKeys.builder().file(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void badLineInFile_namesFileAndLine_notTheLine() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, KEY + "\n# ok\nshortkey\n");
        assertThatThrownBy(() -> HashedPublisherKeys.builder().file(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " line 3")
                .hasMessageNotContaining("shortkey");
    }

    @Test
    void aKeyWithACommentAfterIt_isRefused_sinceNoBearerHeaderCouldCarryIt() throws Exception {
        Path file = dir.resolve("commented-keys");
        Files.writeString(file, "# the deploy bot\n" + KEY + "\n" + KEY + "-2 # the alert relay\n");
        assertThatThrownBy(() -> HashedPublisherKeys.builder().file(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " line 3")
                .hasMessageContaining("an API key cannot hold spaces (comments go on lines of their own")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> HashedPublisherKeys.builder().rawKeys(List.of(KEY + " " + KEY)))
                .hasMessageContaining("raw key #1: an API key cannot hold spaces");
    }
}
