package io.incidentstream.application.message;

/** A message from the server to one WebSocket client; the adapter gives each its JSON shape. */
public sealed interface ServerMessage
        permits Welcome,
                Subscribed,
                Unsubscribed,
                Pong,
                EventMessage,
                ErrorMessage,
                Closing,
                Gap,
                Snapshot,
                Refreshed,
                Watching,
                Presence {}
