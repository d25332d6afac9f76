package io.incidentstream.bootstrap.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentstream.adapters.websocket.testing.TestClient;

/** The subscription most cluster tests take: to every event (subscription id {@code all}), new or resumed. */
final class SubscriptionToAll {

    private SubscriptionToAll() {}

    /** On a new connection: reads the welcome, subscribes, waits until subscribed; returns the welcome's epoch. */
    static String start(TestClient client) throws InterruptedException {
        String epoch = client.next("welcome").path("epoch").asText();
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\"}");
        client.next("subscribed");
        return epoch;
    }

    /** After the welcome: resumes from {@code since} of {@code epoch}; returns the {@code subscribed} answer. */
    static JsonNode resume(TestClient client, long since, String epoch) throws InterruptedException {
        return resume(client, since, epoch, "");
    }

    /** As {@link #resume}, asking for a snapshot should the stream not be recoverable from {@code since}. */
    static JsonNode resumeWithSnapshot(TestClient client, long since, String epoch) throws InterruptedException {
        return resume(client, since, epoch, ",\"snapshot\":true");
    }

    private static JsonNode resume(TestClient client, long since, String epoch, String more)
            throws InterruptedException {
        client.send("{\"type\":\"subscribe\",\"subscription_id\":\"all\",\"since\":" + since + ",\"epoch\":\"" + epoch
                + "\"" + more + "}");
        return client.next("subscribed");
    }
}
