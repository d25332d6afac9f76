package io.incidentstream.adapters.redis;

/** The names of the keys one stream uses, all under its prefix. */
record RedisKeys(
        String meta,
        String stream,
        String view,
        String versions,
        String active,
        String closed,
        String idempotencyPrefix) {

    static RedisKeys under(String prefix) {
        return new RedisKeys(
                prefix + ":meta",
                prefix + ":stream",
                prefix + ":view",
                prefix + ":view:versions",
                prefix + ":view:active",
                prefix + ":view:closed",
                prefix + ":batch:");
    }
}
