package io.incidentstream.application.archviolation;

/** Deliberately breaks the application rule, to prove the rule notices (test code only). */
public class ApplicationUsingJackson {

    public Object mapper() {
        return new com.fasterxml.jackson.databind.ObjectMapper();
    }
}
