package io.incidentstream.domain.model;

import java.time.Instant;
import java.util.UUID;

/** A note written on an incident. */
public record Note(UUID id, String author, String content, Instant createdAt) {

    public Note {
        Check.required(id, "id");
        author = Check.orEmpty(author);
        content = Check.orEmpty(content);
        Check.required(createdAt, "created_at");
    }
}
