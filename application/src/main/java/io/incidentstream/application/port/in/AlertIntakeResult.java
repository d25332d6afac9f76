package io.incidentstream.application.port.in;

/** What became of a notification: taken in whole, or refused with nothing published. */
public sealed interface AlertIntakeResult {

    /** Everything was published; the counts are what the webhook's answer reports. */
    record Accepted(int alerts, int incidentsOpened, int incidentsResolved, int deduplicated)
            implements AlertIntakeResult {}

    /** The stream refused the publish (full, shutting down, or a batch it can never hold). */
    record Refused(PublishResult.Rejected rejection) implements AlertIntakeResult {}

    /** One event made from the alert at {@code alertIndex} would be larger than the stream accepts. */
    record EventTooLarge(int alertIndex, int sizeBytes, int maxEventBytes) implements AlertIntakeResult {}
}
