package io.incidentstream.application.port.out;

import io.incidentstream.domain.filter.Filter;
import java.time.Instant;

/**
 * What a subscriber may see and until when: who it is, the scope every one of its subscriptions is
 * narrowed to (null: everything), and when its token expires (null: never). {@code name} is the
 * token's display name claim, shown to other watchers of an incident (null: none). What a
 * {@link TokenVerifier} returns; the incoming ports pass it on, so it lives with the outgoing ones
 * (the incoming ports depend on the outgoing, never the other way round).
 */
public record Access(String subject, Filter scope, Instant expiresAt, String name) {

    public Access(String subject, Filter scope, Instant expiresAt) {
        this(subject, scope, expiresAt, null);
    }

    private static final Access UNRESTRICTED = new Access("anonymous", null, null);

    /** An open server's subscriber: anonymous, everything, forever. One instance, shared by every such session. */
    public static Access unrestricted() {
        return UNRESTRICTED;
    }

    /** {@code filter} narrowed to this scope. */
    public Filter narrow(Filter filter) {
        return scope == null ? filter : filter.and(scope);
    }

    /** Whether {@code filter} asks only for what this scope excludes. */
    public boolean forbids(Filter filter) {
        return scope != null && filter.disjointFrom(scope);
    }

    /**
     * Whether the holder may see whole incidents (snapshots, the read API). Every event about an
     * incident carries it but {@code alert_received}, so only a scope limited to that and
     * {@code system_event} does not.
     */
    public boolean seesIncidents() {
        return scope == null || scope.allowsIncidents();
    }

    /**
     * Whether a verified token stands behind this access. An open server grants every subscriber
     * the one {@link #unrestricted()} instance, so that instance alone means "not authenticated".
     */
    public boolean authenticated() {
        return this != UNRESTRICTED;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
