package io.incidentstream.adapters.http;

import static io.incidentstream.adapters.http.Credentials.KEY;
import static io.incidentstream.adapters.http.Credentials.OTHER_KEY;
import static io.incidentstream.adapters.http.Credentials.bearer;
import static io.incidentstream.adapters.http.Errors.assertError;
import static io.incidentstream.adapters.http.Payloads.WEBHOOK;
import static io.incidentstream.adapters.http.Payloads.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.application.port.in.Publication;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishUseCase;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The webhook is a write endpoint like the others: publisher API keys, and 503 when the stream is full. */
@Timeout(30)
class AlertWebhookAccessTest {

    private static final String FIRING = read("alertmanager-firing.json");
    private static final HttpSettings SETTINGS = TestApi.SETTINGS.withMaxEventBytes(64 * 1024);

    @Test
    void keysConfigured_noKey401_wrongKey403_theKey200() throws Exception {
        try (TestApi api = TestApi.startWithAuthentication(Credentials.keysOnly(), SETTINGS)) {
            ContentResponse none = api.post(WEBHOOK, FIRING);
            assertError(none, 401, "UNAUTHENTICATED");
            assertThat(none.getHeaders().get("WWW-Authenticate")).isEqualTo("Bearer");
            assertError(api.postAuthorized(WEBHOOK, FIRING, bearer(OTHER_KEY)), 403, "FORBIDDEN");
            assertThat(api.stream.statistics().statistics().lastSeq()).isZero();

            ContentResponse ok = api.postAuthorized(WEBHOOK, FIRING, bearer(KEY));

            assertThat(ok.getStatus()).as(ok.getContentAsString()).isEqualTo(200);
            assertThat(api.stream.statistics().statistics().lastSeq()).isEqualTo(3);
        }
    }

    @Test
    void streamFull_is503WithRetryAfter_publishesNothing_andTheRetryOpensTheIncident() throws Exception {
        AtomicReference<PublishUseCase> behind = new AtomicReference<>();
        AtomicReference<PublishResult.Reason> refusal = new AtomicReference<>(PublishResult.Reason.OVERLOADED);
        PublishUseCase refusingOnce = new PublishUseCase() {
            @Override
            public PublishResult publish(List<Publication> publications) {
                PublishResult.Reason reason = refusal.getAndSet(null);
                return reason != null
                        ? new PublishResult.Rejected(reason, "the dispatch queue is full")
                        : behind.get().publish(publications);
            }
        };
        try (TestApi api = TestApi.startWithPublisher(refusingOnce, SETTINGS)) {
            behind.set(api.stream.publisher());

            ContentResponse full = api.post(WEBHOOK, FIRING);

            assertError(full, 503, "OVERLOADED");
            assertThat(full.getHeaders().get("Retry-After")).isEqualTo("1");
            assertThat(api.stream.statistics().statistics().lastSeq()).isZero();

            ContentResponse retry = api.post(WEBHOOK, FIRING);
            assertThat(retry.getStatus()).as(retry.getContentAsString()).isEqualTo(200);
            assertThat(TestApi.json(retry).get("incidents_opened").intValue()).isEqualTo(1);
        }
    }
}
