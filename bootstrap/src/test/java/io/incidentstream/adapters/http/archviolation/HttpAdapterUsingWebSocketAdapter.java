package io.incidentstream.adapters.http.archviolation;

/** Deliberately breaks the HTTP adapter rule twice, to prove the rule notices (test code only). */
public class HttpAdapterUsingWebSocketAdapter {

    public Class<?> otherAdapter() {
        return io.incidentstream.adapters.websocket.ServerMessageWriter.class;
    }

    public Class<?> service() {
        return io.incidentstream.application.view.IncidentView.class;
    }
}
