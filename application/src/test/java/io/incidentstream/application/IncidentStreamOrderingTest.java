package io.incidentstream.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.fixtures.TestStream;
import io.incidentstream.application.fixtures.TestStream.Client;
import io.incidentstream.application.message.EventMessage;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.message.Subscribed;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.domain.event.SystemEvent;
import io.incidentstream.domain.filter.Filter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While events are being published: subscribed first, then every event after S, in seq order, none missing. */
class IncidentStreamOrderingTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void subscribeDuringPublishing_getsSubscribedFirst_thenEverySeqAfterS_inOrder() throws InterruptedException {
        Client client = stream.connect();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = new Thread(
                () -> {
                    while (publishing.get()) {
                        if (stream.publish(new SystemEvent("load", "m", Map.of())) instanceof PublishResult.Rejected) {
                            Thread.onSpinWait();
                        }
                    }
                },
                "publisher");
        publisher.start();

        Subscribed subscribed = client.subscribe("all", Filter.all());
        client.channel().nextOf(EventMessage.class);
        publishing.set(false);
        publisher.join();
        client.barrier();

        List<ServerMessage> sent = client.channel().messages();
        List<Long> seqs = client.channel().messages(EventMessage.class).stream()
                .map(m -> m.event().seq())
                .toList();
        assertThat(sent.indexOf(subscribed))
                .isLessThan(sent.indexOf(
                        client.channel().messages(EventMessage.class).get(0)));
        long s = subscribed.seq();
        long last = seqs.get(seqs.size() - 1);
        assertThat(seqs)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(s + 1, last).boxed().toList());
    }
}
