package io.incidentstream.bootstrap.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of the hexagon as allowlists: each layer names everything it may use, so a
 * new dependency fails the build until someone decides it belongs. Every rule fails when its
 * package is empty (ArchUnit's default), so a renamed package cannot make a rule pass vacuously.
 */
final class DependencyRules {

    private static final String[] JAVA = {"java..", "javax.annotation.processing.."};

    private DependencyRules() {}

    static final ArchRule DOMAIN_DEPENDS_ONLY_ON_JAVA = classes()
            .that()
            .resideInAPackage("io.incidentstream.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(with("io.incidentstream.domain.."))
            .because("the domain is pure Java");

    static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN = classes()
            .that()
            .resideInAPackage("io.incidentstream.application..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(with("io.incidentstream.domain..", "io.incidentstream.application.."))
            .because("the application is free of frameworks");

    static final ArchRule CODEC_DEPENDS_ONLY_ON_DOMAIN_AND_JACKSON = classes()
            .that()
            .resideInAPackage("io.incidentstream.codec.json..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    with("io.incidentstream.domain..", "io.incidentstream.codec.json..", "com.fasterxml.jackson.."))
            .because("the JSON codec spells domain values, nothing else");

    static final ArchRule WEBSOCKET_ADAPTER_USES_PORTS_ONLY = adapter(
            "io.incidentstream.adapters.websocket..",
            "io.incidentstream.codec.json..",
            "com.fasterxml.jackson..",
            "org.eclipse.jetty..",
            "org.slf4j..");

    static final ArchRule HTTP_ADAPTER_USES_PORTS_ONLY = adapter(
            "io.incidentstream.adapters.http..",
            "io.incidentstream.codec.json..",
            "com.fasterxml.jackson..",
            "org.eclipse.jetty..",
            "org.slf4j..");

    // The Prometheus model is the registry's own API, for the latency histogram scraped without a Micrometer meter.
    static final ArchRule METRICS_ADAPTER_USES_PORTS_ONLY =
            adapter("io.incidentstream.adapters.metrics..", "io.micrometer..", "io.prometheus.metrics..");

    static final ArchRule AUTH_ADAPTER_USES_PORTS_ONLY = adapter(
            "io.incidentstream.adapters.auth..",
            "io.incidentstream.codec.json..",
            "com.nimbusds..",
            "com.fasterxml.jackson..",
            "org.slf4j..");

    /** The board serves files and knows nothing of the application: its page speaks the public protocol. */
    static final ArchRule WEB_ADAPTER_USES_JETTY_ONLY = classes()
            .that()
            .resideInAPackage("io.incidentstream.adapters.web..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(with("io.incidentstream.adapters.web..", "org.eclipse.jetty.."))
            .because("the board reaches the server only through /ws and the HTTP API, like any client");

    static final ArchRule REDIS_ADAPTER_USES_PORTS_ONLY = adapter(
            "io.incidentstream.adapters.redis..",
            "io.incidentstream.codec.json..",
            "com.fasterxml.jackson..",
            "io.lettuce..",
            "reactor.core..",
            // Netty is Lettuce's transport: its allocator is where the client's buffers are (a metric).
            "io.netty.buffer..");

    /**
     * The ports are the application's contract with the adapters: they speak in messages and domain
     * values, and never name a service, so an adapter that sees a port cannot reach a service through it.
     */
    static final ArchRule PORTS_DO_NOT_REACH_SERVICES = classes()
            .that()
            .resideInAPackage("io.incidentstream.application.port..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(with(
                    "io.incidentstream.application.port..",
                    "io.incidentstream.application.message..",
                    "io.incidentstream.domain.."))
            .because("ports are what adapters see; a service behind a port would leak through it");

    /**
     * The layers as a whole: nothing depends on a layer above its own (bootstrap above adapters,
     * adapters above the application and the codec, those above the domain).
     */
    static final ArchRule NO_DEPENDENCY_POINTS_UP = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            // Optional, so that a fixture of two layers can show the rule failing; an empty package in
            // the shipped code already fails the allowlist rules above.
            .withOptionalLayers(true)
            .layer("domain")
            .definedBy("io.incidentstream.domain..")
            .layer("application")
            .definedBy("io.incidentstream.application..")
            .layer("codec")
            .definedBy("io.incidentstream.codec..")
            .layer("adapters")
            .definedBy("io.incidentstream.adapters..")
            .layer("bootstrap")
            .definedBy("io.incidentstream.bootstrap..")
            .whereLayer("bootstrap")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("adapters")
            .mayOnlyBeAccessedByLayers("bootstrap")
            .whereLayer("application")
            .mayOnlyBeAccessedByLayers("adapters", "bootstrap")
            .whereLayer("codec")
            .mayOnlyBeAccessedByLayers("adapters", "bootstrap")
            .whereLayer("domain")
            .mayOnlyBeAccessedByLayers("application", "codec", "adapters", "bootstrap")
            .because("a dependency pointing up a layer turns the hexagon inside out");

    /**
     * Every package is a slice of its own, so a cycle between two sibling packages (the ports'
     * {@code in} and {@code out}, or the application's root and one of its services) fails too.
     */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.incidentstream.(**)")
            .should()
            .beFreeOfCycles()
            .because("a cycle makes two packages one, and their order of change undefined");

    /** An adapter may use the application's ports and messages, the domain, and its own libraries. */
    private static ArchRule adapter(String adapterPackage, String... libraries) {
        String[] allowed = new String[libraries.length + 4];
        allowed[0] = adapterPackage;
        allowed[1] = "io.incidentstream.domain..";
        allowed[2] = "io.incidentstream.application.port..";
        allowed[3] = "io.incidentstream.application.message..";
        System.arraycopy(libraries, 0, allowed, 4, libraries.length);
        return classes()
                .that()
                .resideInAPackage(adapterPackage)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(with(allowed))
                .because("adapters see ports, never services or each other");
    }

    private static String[] with(String... packages) {
        String[] all = new String[JAVA.length + packages.length];
        System.arraycopy(JAVA, 0, all, 0, JAVA.length);
        System.arraycopy(packages, 0, all, JAVA.length, packages.length);
        return all;
    }
}
