package io.incidentstream.adapters.auth;

import io.incidentstream.application.port.out.PublisherKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Publisher API keys held only as SHA-256 hashes: raw keys are hashed as they arrive and never kept,
 * logged or printed. A presented key is hashed and compared with every stored hash in constant time.
 *
 * <p>Plain SHA-256 without salt suffices because keys are long random strings, not passwords: there is
 * nothing to brute-force from the hash. Hence the minimum length of {@value #MIN_KEY_LENGTH} characters.
 */
public final class HashedPublisherKeys implements PublisherKeys {

    /** Shorter raw keys are refused: a key is a random secret, not a memorable word. */
    public static final int MIN_KEY_LENGTH = 16;

    private static final String HASH_PREFIX = "sha256:";
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");

    private final List<byte[]> hashes;

    private HashedPublisherKeys(List<byte[]> hashes) {
        this.hashes = List.copyOf(hashes);
    }

    /** An empty set of keys, to add to. */
    public static Builder builder() {
        return new Builder();
    }

    /** The hash form of a key, {@code sha256:<64 lower-case hex digits>}, as configured in place of the key. */
    public static String hashOf(String rawKey) {
        return HASH_PREFIX + HexFormat.of().formatHex(sha256(rawKey));
    }

    @Override
    public boolean configured() {
        return !hashes.isEmpty();
    }

    @Override
    public boolean accepts(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return false;
        }
        byte[] presented = sha256(presentedKey);
        // Every stored hash is compared, without stopping at a match, so the time taken does not say which
        // key matched or how many are configured before it.
        boolean accepted = false;
        for (byte[] hash : hashes) {
            accepted |= MessageDigest.isEqual(hash, presented);
        }
        return accepted;
    }

    /** Only the count: the hashes are not secret, but they say nothing useful in a log either. */
    @Override
    public String toString() {
        return "HashedPublisherKeys[" + hashes.size() + (hashes.size() == 1 ? " key]" : " keys]");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Collects keys from their sources; every error names where the bad entry came from, never the entry. */
    public static final class Builder {

        private final List<byte[]> hashes = new ArrayList<>();

        private Builder() {}

        /** Raw keys, hashed at once. */
        public Builder rawKeys(Collection<String> rawKeys) {
            int index = 0;
            for (String key : rawKeys) {
                index++;
                hashes.add(hashRaw(key, "raw key #" + index));
            }
            return this;
        }

        /** Hashes in the form {@code sha256:<64 hex digits>}. */
        public Builder hashes(Collection<String> keyHashes) {
            int index = 0;
            for (String hash : keyHashes) {
                index++;
                hashes.add(parseHash(hash, "key hash #" + index));
            }
            return this;
        }

        /**
         * A file with one raw key or {@code sha256:} hash per line; blank lines and lines starting with
         * {@code #} are skipped, surrounding spaces trimmed.
         *
         * @throws IllegalArgumentException naming the file when it cannot be read, or the line that is wrong
         */
        public Builder file(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read API keys file " + file + ": " + describe(e), e);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String where = "API keys file " + file + " line " + (i + 1);
                hashes.add(
                        line.toLowerCase(Locale.ROOT).startsWith(HASH_PREFIX)
                                ? parseHash(line, where)
                                : hashRaw(line, where));
            }
            return this;
        }

        public HashedPublisherKeys build() {
            return new HashedPublisherKeys(hashes);
        }

        private static byte[] hashRaw(String key, String where) {
            if (key == null || key.strip().length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException(where + ": an API key must be at least " + MIN_KEY_LENGTH
                        + " characters (use a random string, e.g. openssl rand -hex 32)");
            }
            if (key.strip().chars().anyMatch(Character::isWhitespace)) {
                // No "Authorization: Bearer" header can carry it, so it could never be matched.
                throw new IllegalArgumentException(where + ": an API key cannot hold spaces (comments go on lines"
                        + " of their own, starting with #)");
            }
            return sha256(key.strip());
        }

        private static byte[] parseHash(String hash, String where) {
            if (hash == null || !HASH.matcher(hash.strip()).matches()) {
                throw new IllegalArgumentException(where + ": expected sha256: followed by 64 hex digits");
            }
            return HexFormat.of().parseHex(hash.strip().substring(HASH_PREFIX.length()));
        }

        private static String describe(IOException e) {
            if (e instanceof java.nio.file.NoSuchFileException) {
                return "no such file";
            }
            if (e instanceof java.nio.file.AccessDeniedException) {
                return "permission denied";
            }
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
