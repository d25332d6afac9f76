package io.incidentstream.adapters.websocket.archviolation;

/** Deliberately breaks the adapter rule twice, to prove the rule notices (test code only). */
public class WebSocketAdapterUsingHttpAdapter {

    public Class<?> otherAdapter() {
        return io.incidentstream.adapters.http.HttpApi.class;
    }

    public Class<?> service() {
        return io.incidentstream.application.session.SessionService.class;
    }
}
