package io.incidentstream.adapters.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * One file the board serves, held in memory: the board is a few tens of kilobytes, so reading it once
 * at start-up costs less than a file lookup per request, and the entity tag is computed once.
 *
 * @param contentType the full Content-Type header value, charset included for text
 * @param etag a strong entity tag (quoted), derived from the content, so it changes exactly when the file does
 */
public record WebAsset(String contentType, byte[] content, String etag) {

    public WebAsset {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(etag, "etag");
    }

    static WebAsset of(String contentType, byte[] content) {
        return new WebAsset(contentType, content, etagOf(content));
    }

    static WebAsset text(String contentType, String text) {
        return of(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String etagOf(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            // 128 bits of the digest are plenty to tell versions of one file apart.
            return '"'
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22)
                    + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
