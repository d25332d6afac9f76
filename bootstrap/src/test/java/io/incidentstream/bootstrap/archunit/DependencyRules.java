package io.incidentstream.bootstrap.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of the hexagon as allowlists: each layer names everything it may use, so a
 * new dependency fails the build until someone decides it belongs. Every rule fails when its
 * package is empty (ArchUnit's default), so a renamed package cannot make a rule pass vacuously.
 */
final class DependencyRules {

    private static final String[] JAVA = {"java..", "javax.annotation.processing.."};

    private DependencyRules() {
    }

    static final ArchRule DOMAIN_DEPENDS_ONLY_ON_JAVA = classes()
            .that().resideInAPackage("io.incidentstream.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(with("io.incidentstream.domain.."))
            .because("the domain is pure Java");

    static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN = classes()
            .that().resideInAPackage("io.incidentstream.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    with("io.incidentstream.domain..", "io.incidentstream.application.."))
            .because("the application is free of frameworks");

    static final ArchRule CODEC_DEPENDS_ONLY_ON_DOMAIN_AND_JACKSON = classes()
            .that().resideInAPackage("io.incidentstream.codec.json..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    with("io.incidentstream.domain..", "io.incidentstream.codec.json..", "com.fasterxml.jackson.."))
            .because("the JSON codec spells domain values, nothing else");

    static final ArchRule WEBSOCKET_ADAPTER_USES_PORTS_ONLY = adapter("io.incidentstream.adapters.websocket..",
            "io.incidentstream.codec.json..", "com.fasterxml.jackson..", "org.eclipse.jetty..", "org.slf4j..");

    static final ArchRule HTTP_ADAPTER_USES_PORTS_ONLY = adapter("io.incidentstream.adapters.http..",
            "io.incidentstream.codec.json..", "com.fasterxml.jackson..", "org.eclipse.jetty..", "org.slf4j..");

    static final ArchRule METRICS_ADAPTER_USES_PORTS_ONLY = adapter("io.incidentstream.adapters.metrics..",
            "io.micrometer..");

    static final ArchRule AUTH_ADAPTER_USES_PORTS_ONLY = adapter("io.incidentstream.adapters.auth..",
            "io.incidentstream.codec.json..", "com.nimbusds..", "com.fasterxml.jackson..", "org.slf4j..");

    /** The board serves files and knows nothing of the application: its page speaks the public protocol. */
    static final ArchRule WEB_ADAPTER_USES_JETTY_ONLY = classes()
            .that().resideInAPackage("io.incidentstream.adapters.web..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    with("io.incidentstream.adapters.web..", "org.eclipse.jetty.."))
            .because("the board reaches the server only through /ws and the HTTP API, like any client");

    static final ArchRule REDIS_ADAPTER_USES_PORTS_ONLY = adapter("io.incidentstream.adapters.redis..",
            "io.incidentstream.codec.json..", "com.fasterxml.jackson..", "io.lettuce..", "reactor.core..");

    /** An adapter may use the application's ports and messages, the domain, and its own libraries. */
    private static ArchRule adapter(String adapterPackage, String... libraries) {
        String[] allowed = new String[libraries.length + 4];
        allowed[0] = adapterPackage;
        allowed[1] = "io.incidentstream.domain..";
        allowed[2] = "io.incidentstream.application.port..";
        allowed[3] = "io.incidentstream.application.message..";
        System.arraycopy(libraries, 0, allowed, 4, libraries.length);
        return classes().that().resideInAPackage(adapterPackage)
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(allowed))
                .because("adapters see ports, never services or each other");
    }

    private static String[] with(String... packages) {
        String[] all = new String[JAVA.length + packages.length];
        System.arraycopy(JAVA, 0, all, 0, JAVA.length);
        System.arraycopy(packages, 0, all, JAVA.length, packages.length);
        return all;
    }
}
