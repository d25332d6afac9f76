package io.incidentstream.adapters.auth.archviolation;

/** Deliberately breaks the auth adapter rule, to prove the rule notices (test code only). */
public class AuthAdapterUsingService {

    public Class<?> service() {
        return io.incidentstream.application.access.AccessControl.class;
    }
}
