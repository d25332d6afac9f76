package io.incidentstream.application.alerts;

import io.incidentstream.application.alerts.AlertIntakeSettings.IncidentPer;
import io.incidentstream.application.port.in.AlertIntakeResult;
import io.incidentstream.application.port.in.AlertIntakeUseCase;
import io.incidentstream.application.port.in.AlertNotification;
import io.incidentstream.application.port.in.IncidentQuery;
import io.incidentstream.application.port.in.PublishResult;
import io.incidentstream.application.port.in.PublishUseCase;
import io.incidentstream.application.port.out.AlertEpisodes;
import io.incidentstream.application.port.out.AlertEpisodes.Claim;
import io.incidentstream.application.port.out.AlertEpisodes.ClaimOutcome;
import io.incidentstream.application.port.out.AlertEpisodes.Resolve;
import io.incidentstream.application.port.out.AlertEpisodes.ResolveOutcome;
import io.incidentstream.application.port.out.AlertMetrics;
import io.incidentstream.application.port.out.EngineUnavailableException;
import io.incidentstream.application.port.out.EventSizes;
import io.incidentstream.application.port.out.IdGenerator;
import io.incidentstream.domain.event.AlertConverted;
import io.incidentstream.domain.event.AlertReceived;
import io.incidentstream.domain.event.Escalated;
import io.incidentstream.domain.event.IncidentCreated;
import io.incidentstream.domain.event.IncidentResolved;
import io.incidentstream.domain.model.Alert;
import io.incidentstream.domain.model.Incident;
import io.incidentstream.domain.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The alert intake over the publish use case. For each alert of a notification it decides, through
 * {@link AlertEpisodes}, whether it opens an incident, repeats one that is open or resolved, or
 * resolves one; then publishes everything the notification gives rise to in one batch. The
 * decision is the episode store's atomic step, not a lock here, so it holds across threads and,
 * with a shared store, across nodes: Alertmanager retries and HA replicas send every notification
 * more than once, and only the first opens or resolves anything.
 *
 * <p>Episode keys: an alert's own is its sender, fingerprint and {@code startsAt} (the fingerprint
 * alone comes back when the same alert fires again later, which is a new episode); with
 * {@code alert_incident_per=group}, incidents belong to the sender's group key, and the alert's own
 * episode still tells a repeated resolve from a first one.
 */
public final class AlertIntakeService implements AlertIntakeUseCase {

    private final PublishUseCase publisher;
    private final IncidentQuery incidents;
    private final AlertEpisodes episodes;
    private final AlertMetrics metrics;
    private final EventSizes sizes;
    private final AlertIntakeSettings settings;
    private final AlertMapping mapping;
    private final Clock clock;
    private final IdGenerator ids;

    public AlertIntakeService(
            PublishUseCase publisher,
            IncidentQuery incidents,
            AlertEpisodes episodes,
            AlertMetrics metrics,
            EventSizes sizes,
            AlertIntakeSettings settings,
            Clock clock,
            IdGenerator ids) {
        this.publisher = publisher;
        this.incidents = incidents;
        this.episodes = episodes;
        this.metrics = metrics;
        this.sizes = sizes;
        this.settings = settings;
        this.mapping = new AlertMapping(settings.severityMap());
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public int maxAlertsPerNotification() {
        return settings.maxAlertsPerNotification();
    }

    @Override
    public AlertIntakeResult intake(AlertNotification notification) {
        if (notification.alerts().size() > settings.maxAlertsPerNotification()) {
            throw new IllegalArgumentException("more alerts than " + settings.maxAlertsPerNotification()
                    + ": the adapter checks this before decoding");
        }
        Instant now = clock.instant();
        IntakeBatch batch = new IntakeBatch(
                new EpisodeSteps(episodes, clock, id -> incidents.incident(id).isPresent()));
        try {
            for (int i = 0; i < notification.alerts().size(); i++) {
                AlertNotification.Alert alert = notification.alerts().get(i);
                if (alert.status() == AlertNotification.Status.FIRING) {
                    firing(notification, i, alert, now, batch);
                } else {
                    resolved(notification, i, alert, now, batch);
                }
            }
            if (byGroup(notification)
                    && notification.status() == AlertNotification.Status.RESOLVED
                    && !notification.alerts().isEmpty()) {
                groupResolved(notification, now, batch);
            }
        } catch (EngineUnavailableException e) {
            // The shared episode store (Redis) is away: nothing is published, the sender retries.
            batch.steps().rollBack();
            return new AlertIntakeResult.Refused(new PublishResult.Rejected(
                    PublishResult.Reason.ENGINE_UNAVAILABLE,
                    "the alert episodes cannot be read (" + e.getMessage()
                            + "); nothing was published, retry shortly"));
        } catch (EpisodeSteps.Busy e) {
            batch.steps().rollBack();
            return new AlertIntakeResult.Refused(new PublishResult.Rejected(
                    PublishResult.Reason.OVERLOADED, e.getMessage() + "; nothing was published, retry shortly"));
        }
        return publish(notification, batch);
    }

    private void firing(
            AlertNotification notification, int index, AlertNotification.Alert alert, Instant now, IntakeBatch batch) {
        String alertEpisode = alertEpisode(notification, alert);
        Claim claim;
        String fingerprint;
        boolean newToTheGroup = false;
        if (byGroup(notification)) {
            String groupEpisode = groupEpisode(notification);
            claim = claim(groupEpisode, alert, now, batch);
            fingerprint = notification.groupKey();
            if (claim.incidentId() != null) {
                // Remembered so that this alert's resolve, and only its first, is published.
                claim(alertEpisode, claim.incidentId(), alert, now, batch);
                newToTheGroup = batch.steps().openedHere(alertEpisode);
            }
        } else {
            claim = claim(alertEpisode, alert, now, batch);
            fingerprint = alert.fingerprint();
        }
        UUID incidentId = claim.incidentId();
        if (claim.outcome() == ClaimOutcome.OPENED) {
            Alert received = mapping.alert(notification.source(), alert, ids.newId(), now, incidentId, false);
            Incident incident = mapping.incident(notification.source(), alert, incidentId, fingerprint, now);
            batch.add(index, new AlertReceived(received));
            batch.add(index, new IncidentCreated(incident));
            batch.add(index, new AlertConverted(received, incidentId));
            batch.severity(incidentId, incident.severity());
            batch.opened++;
        } else {
            // Open: a repeat (retry, repeat_interval, HA replica). Resolved: a late one, which reopens nothing.
            batch.add(
                    index,
                    new AlertReceived(mapping.alert(notification.source(), alert, ids.newId(), now, incidentId, true)));
            batch.deduplicated++;
            if (claim.outcome() == ClaimOutcome.OPEN && newToTheGroup) {
                escalateToAlert(notification, index, alert, incidentId, batch);
            }
        }
    }

    /**
     * A group's incident takes the severity of a more urgent alert that joins it: a P1 alert joining
     * a group whose incident a P3 alert opened escalates it to P1. Only when the alert first joins:
     * a repeat of it (repeat_interval, an HA replica) escalates nothing, even after a person lowered
     * the incident. Never lowered here: an alert that resolves leaves the incident as it is.
     */
    private void escalateToAlert(
            AlertNotification notification,
            int index,
            AlertNotification.Alert alert,
            UUID incidentId,
            IntakeBatch batch) {
        Severity current = batch.severityOf(incidentId);
        if (current == null) {
            Incident known = incidents.incident(incidentId).orElse(null);
            if (known == null || !known.state().isActive()) {
                return; // Forgotten, or resolved by someone else: nothing to escalate.
            }
            current = known.severity();
        }
        Severity alerted = mapping.severity(alert);
        if (alerted.compareTo(current) < 0) {
            batch.add(
                    index,
                    new Escalated(
                            incidentId,
                            current,
                            alerted,
                            "an alert of the same group is " + alerted.wire() + ": " + AlertMapping.title(alert)));
            batch.severity(incidentId, alerted);
        }
    }

    private void resolved(
            AlertNotification notification, int index, AlertNotification.Alert alert, Instant now, IntakeBatch batch) {
        String episode = alertEpisode(notification, alert);
        Resolve resolve = batch.steps().resolve(episode, endedAt(alert, now));
        if (resolve.outcome() == ResolveOutcome.ALREADY_RESOLVED) {
            return; // A repeated resolve publishes nothing.
        }
        UUID incidentId = resolve.incidentId();
        batch.add(
                index,
                new AlertReceived(mapping.alert(notification.source(), alert, ids.newId(), now, incidentId, false)));
        if (resolve.outcome() == ResolveOutcome.RESOLVED && !byGroup(notification)) {
            resolveIncident(
                    notification, index, alert, incidentId, alert.fingerprint(), endedAt(alert, now), now, batch);
        }
    }

    /**
     * A group's incident resolves when the sender says the whole group has ({@code status: resolved}),
     * at the end of the alert that ended last, which the resolution names.
     */
    private void groupResolved(AlertNotification notification, Instant now, IntakeBatch batch) {
        int lastEnded = 0;
        for (int i = 1; i < notification.alerts().size(); i++) {
            if (endedAt(notification.alerts().get(i), now)
                    .isAfter(endedAt(notification.alerts().get(lastEnded), now))) {
                lastEnded = i;
            }
        }
        AlertNotification.Alert resolver = notification.alerts().get(lastEnded);
        Instant ended = endedAt(resolver, now);
        Resolve resolve = batch.steps().resolve(groupEpisode(notification), ended);
        if (resolve.outcome() == ResolveOutcome.RESOLVED) {
            resolveIncident(
                    notification,
                    lastEnded,
                    resolver,
                    resolve.incidentId(),
                    notification.groupKey(),
                    ended,
                    now,
                    batch);
        }
    }

    private void resolveIncident(
            AlertNotification notification,
            int index,
            AlertNotification.Alert resolver,
            UUID incidentId,
            String fingerprint,
            Instant resolvedAt,
            Instant now,
            IntakeBatch batch) {
        Incident known = incidents.incident(incidentId).orElse(null);
        if (known != null && !known.state().isActive()) {
            return; // Someone resolved or closed it already: nothing left to resolve.
        }
        if (known == null) {
            // Forgotten by the incident view (retention, restart): rebuilt from the alert that resolves it.
            known = mapping.incident(notification.source(), resolver, incidentId, fingerprint, now);
        }
        batch.add(
                index, new IncidentResolved(mapping.resolved(known, notification.source(), resolver, resolvedAt, now)));
        batch.resolved++;
    }

    private Claim claim(String episode, AlertNotification.Alert alert, Instant now, IntakeBatch batch) {
        return claim(episode, ids.newId(), alert, now, batch);
    }

    private Claim claim(String episode, UUID proposed, AlertNotification.Alert alert, Instant now, IntakeBatch batch) {
        return batch.steps().claim(episode, proposed, alert.startsAt());
    }

    private AlertIntakeResult publish(AlertNotification notification, IntakeBatch batch) {
        for (int i = 0; i < batch.publications().size(); i++) {
            int size = sizes.bytes(batch.publications().get(i).event());
            if (size > settings.maxEventBytes()) {
                batch.steps().rollBack();
                return new AlertIntakeResult.EventTooLarge(batch.alertIndexOf(i), size, settings.maxEventBytes());
            }
        }
        if (!batch.publications().isEmpty()) {
            PublishResult result = publisher.publish(batch.publications());
            if (result instanceof PublishResult.Rejected rejected) {
                if (!rejected.mayHaveBeenPublished()) {
                    batch.steps().rollBack();
                }
                // Else the steps are neither taken back nor confirmed: the batch may be stored, and
                // the sender's retry takes them over when their lease runs out, with the same
                // incidents, published or not (see EpisodeSteps), instead of opening others.
                return new AlertIntakeResult.Refused(inAlerts(rejected, notification, batch));
            }
        }
        batch.steps().confirmAll();
        String source = notification.source().wire();
        metrics.received(source, notification.alerts().size());
        metrics.incidentsOpened(source, batch.opened);
        metrics.incidentsResolved(source, batch.resolved);
        metrics.deduplicated(source, batch.deduplicated);
        return new AlertIntakeResult.Accepted(
                notification.alerts().size(), batch.opened, batch.resolved, batch.deduplicated);
    }

    /**
     * A batch too large is a notification with too many alerts: its sender counted alerts, not the
     * events they gave (three for each alert that opens an incident), so the refusal says both.
     */
    private static PublishResult.Rejected inAlerts(
            PublishResult.Rejected rejected, AlertNotification notification, IntakeBatch batch) {
        if (rejected.reason() != PublishResult.Reason.BATCH_TOO_LARGE) {
            return rejected;
        }
        return new PublishResult.Rejected(
                rejected.reason(),
                "the " + notification.alerts().size() + " alerts of this notification give "
                        + batch.publications().size() + " events, more than one batch may hold ("
                        + rejected.message() + "); nothing was published: send fewer alerts in a notification"
                        + " (max_alerts in the webhook receiver) or raise broadcast_capacity");
    }

    private boolean byGroup(AlertNotification notification) {
        // Without a group key there is no group to hold the incident: each alert keeps its own.
        return settings.incidentPer() == IncidentPer.GROUP
                && !notification.groupKey().isEmpty();
    }

    private static String alertEpisode(AlertNotification notification, AlertNotification.Alert alert) {
        return notification.source().wire() + "|alert|" + alert.fingerprint() + "|" + alert.startsAt();
    }

    private static String groupEpisode(AlertNotification notification) {
        return notification.source().wire() + "|group|" + notification.groupKey();
    }

    /** When the sender said the alert ended, or now when it left {@code endsAt} unset. */
    private static Instant endedAt(AlertNotification.Alert alert, Instant now) {
        return alert.endsAt() != null ? alert.endsAt() : now;
    }
}
