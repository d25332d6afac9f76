package io.incidentstream.bootstrap;

import io.incidentstream.application.port.out.StreamEngine;

/**
 * The engine the stream runs on, and whether other nodes share it (then a thread follows it).
 *
 * @param shared true for Redis: other nodes append too
 */
record StreamEngineChoice(StreamEngine engine, boolean shared) {}
