package io.incidentstream.adapters.web.archviolation;

/** Deliberately breaks the board's rule: the page server reaching into the application (test code only). */
public class WebAdapterUsingAPort {

    public Class<?> port() {
        return io.incidentstream.application.port.in.PublishUseCase.class;
    }
}
