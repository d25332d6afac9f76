package io.incidentstream.application.port.in;

/** Read the connection and event statistics. */
public interface StatisticsQuery {

    Statistics statistics();
}
