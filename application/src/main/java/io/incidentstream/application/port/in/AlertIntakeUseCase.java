package io.incidentstream.application.port.in;

/**
 * Take in one webhook notification of a monitoring system (Prometheus Alertmanager, Grafana): publish
 * its alerts, and open, de-duplicate and resolve incidents from them.
 */
public interface AlertIntakeUseCase {

    AlertIntakeResult intake(AlertNotification notification);

    /** More alerts than this in one notification are refused whole, before anything is decided. */
    int maxAlertsPerNotification();
}
