package io.incidentstream.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Webhook bodies in the shapes Alertmanager and Grafana send, from {@code src/test/resources/alerts}. */
final class Payloads {

    static final String WEBHOOK = "/api/v1/integrations/alertmanager";

    private Payloads() {}

    static String read(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/alerts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload alerts/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A version 4 notification with the given alerts (JSON objects), firing unless told otherwise. */
    static String notification(String status, String... alerts) {
        return "{\"version\":\"4\",\"status\":\"" + status + "\",\"receiver\":\"r\",\"groupKey\":\"{}:{}\","
                + "\"alerts\":[" + String.join(",", alerts) + "]}";
    }

    /** A firing alert with labels {@code alertname}, and {@code fingerprint}. */
    static String alert(String fingerprint) {
        return "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"annotations\":{},"
                + "\"startsAt\":\"2026-12-04T14:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"generatorURL\":\"\",\"fingerprint\":\"" + fingerprint + "\"}";
    }
}
