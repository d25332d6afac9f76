package io.incidentstream.codec.json.archviolation;

/** Deliberately breaks the codec rule, to prove the rule notices (test code only). */
public class CodecUsingApplication {

    public Class<?> message() {
        return io.incidentstream.application.message.ServerMessage.class;
    }
}
