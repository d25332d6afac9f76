package io.incidentstream.bootstrap.archunit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.incidentstream.adapters.auth.archviolation.AuthAdapterUsingService;
import io.incidentstream.adapters.http.archviolation.HttpAdapterUsingWebSocketAdapter;
import io.incidentstream.adapters.metrics.archviolation.MetricsAdapterUsingJetty;
import io.incidentstream.adapters.redis.archviolation.RedisAdapterUsingService;
import io.incidentstream.adapters.web.archviolation.WebAdapterUsingAPort;
import io.incidentstream.adapters.websocket.archviolation.WebSocketAdapterUsingHttpAdapter;
import io.incidentstream.application.archviolation.ApplicationUsingJackson;
import io.incidentstream.application.archviolation.cycle.left.LeftUsingRight;
import io.incidentstream.application.archviolation.cycle.right.RightUsingLeft;
import io.incidentstream.application.message.ServerMessage;
import io.incidentstream.application.port.archviolation.PortUsingService;
import io.incidentstream.codec.json.archviolation.CodecUsingApplication;
import io.incidentstream.domain.archviolation.DomainUsingApplication;
import io.incidentstream.domain.archviolation.DomainUsingJetty;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's dependency rules hold for the shipped code (one rule per test, so that one broken
 * rule hides no other), and each rule really catches a violation: a fixture class in the test
 * sources breaks it on purpose.
 */
class DependencyRuleTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // The other modules arrive as jars; their test-jars (fixtures) and this module's tests are left out.
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.incidentstream");
    }

    @Test
    void domain_dependsOnlyOnJava() {
        DependencyRules.DOMAIN_DEPENDS_ONLY_ON_JAVA.check(production);
    }

    @Test
    void application_dependsOnlyOnDomain() {
        DependencyRules.APPLICATION_DEPENDS_ONLY_ON_DOMAIN.check(production);
    }

    @Test
    void codec_dependsOnlyOnDomainAndJackson() {
        DependencyRules.CODEC_DEPENDS_ONLY_ON_DOMAIN_AND_JACKSON.check(production);
    }

    @Test
    void webSocketAdapter_usesOnlyPortsAndItsLibraries() {
        DependencyRules.WEBSOCKET_ADAPTER_USES_PORTS_ONLY.check(production);
    }

    @Test
    void httpAdapter_usesOnlyPortsAndItsLibraries() {
        DependencyRules.HTTP_ADAPTER_USES_PORTS_ONLY.check(production);
    }

    @Test
    void metricsAdapter_usesOnlyPortsAndItsLibraries() {
        DependencyRules.METRICS_ADAPTER_USES_PORTS_ONLY.check(production);
    }

    @Test
    void authAdapter_usesOnlyPortsAndItsLibraries() {
        DependencyRules.AUTH_ADAPTER_USES_PORTS_ONLY.check(production);
    }

    @Test
    void webAdapter_usesOnlyJetty() {
        DependencyRules.WEB_ADAPTER_USES_JETTY_ONLY.check(production);
    }

    @Test
    void redisAdapter_usesOnlyPortsAndItsLibraries() {
        DependencyRules.REDIS_ADAPTER_USES_PORTS_ONLY.check(production);
    }

    @Test
    void ports_doNotReachServices() {
        DependencyRules.PORTS_DO_NOT_REACH_SERVICES.check(production);
    }

    @Test
    void noDependency_pointsUpALayer() {
        DependencyRules.NO_DEPENDENCY_POINTS_UP.check(production);
    }

    @Test
    void packages_formNoCycle() {
        DependencyRules.NO_PACKAGE_CYCLES.check(production);
    }

    @Test
    void domainRule_catchesAFrameworkImport() {
        violating(DependencyRules.DOMAIN_DEPENDS_ONLY_ON_JAVA, DomainUsingJetty.class)
                .hasMessageContaining("org.eclipse.jetty");
    }

    @Test
    void applicationRule_catchesAFrameworkImport() {
        violating(DependencyRules.APPLICATION_DEPENDS_ONLY_ON_DOMAIN, ApplicationUsingJackson.class)
                .hasMessageContaining("com.fasterxml.jackson");
    }

    @Test
    void codecRule_catchesTheCodecUsingTheApplication() {
        violating(DependencyRules.CODEC_DEPENDS_ONLY_ON_DOMAIN_AND_JACKSON, CodecUsingApplication.class)
                .hasMessageContaining("io.incidentstream.application.message.ServerMessage");
    }

    @Test
    void webSocketAdapterRule_catchesAnotherAdapterAndAService() {
        violating(DependencyRules.WEBSOCKET_ADAPTER_USES_PORTS_ONLY, WebSocketAdapterUsingHttpAdapter.class)
                .hasMessageContaining("io.incidentstream.adapters.http")
                .hasMessageContaining("io.incidentstream.application.session");
    }

    @Test
    void httpAdapterRule_catchesAnotherAdapterAndAService() {
        violating(DependencyRules.HTTP_ADAPTER_USES_PORTS_ONLY, HttpAdapterUsingWebSocketAdapter.class)
                .hasMessageContaining("io.incidentstream.adapters.websocket")
                .hasMessageContaining("io.incidentstream.application.view");
    }

    @Test
    void metricsAdapterRule_catchesALibraryItDoesNotDeclare() {
        violating(DependencyRules.METRICS_ADAPTER_USES_PORTS_ONLY, MetricsAdapterUsingJetty.class)
                .hasMessageContaining("org.eclipse.jetty");
    }

    @Test
    void authAdapterRule_catchesAService() {
        violating(DependencyRules.AUTH_ADAPTER_USES_PORTS_ONLY, AuthAdapterUsingService.class)
                .hasMessageContaining("io.incidentstream.application.access.AccessControl");
    }

    @Test
    void webAdapterRule_catchesThePageServerUsingAPort() {
        violating(DependencyRules.WEB_ADAPTER_USES_JETTY_ONLY, WebAdapterUsingAPort.class)
                .hasMessageContaining("io.incidentstream.application.port.in.PublishUseCase");
    }

    @Test
    void redisAdapterRule_catchesAServiceAndAnotherAdapter() {
        violating(DependencyRules.REDIS_ADAPTER_USES_PORTS_ONLY, RedisAdapterUsingService.class)
                .hasMessageContaining("io.incidentstream.application.engine.InMemoryStreamEngine")
                .hasMessageContaining("io.incidentstream.adapters.websocket");
    }

    @Test
    void portsRule_catchesAPortReachingAService() {
        violating(DependencyRules.PORTS_DO_NOT_REACH_SERVICES, PortUsingService.class)
                .hasMessageContaining("io.incidentstream.application.session.SessionService");
    }

    @Test
    void layerRule_catchesTheDomainReachingUp() {
        violating(DependencyRules.NO_DEPENDENCY_POINTS_UP, DomainUsingApplication.class, ServerMessage.class)
                .hasMessageContaining("io.incidentstream.application.message.ServerMessage");
    }

    @Test
    void cycleRule_catchesTwoPackagesUsingEachOther() {
        violating(DependencyRules.NO_PACKAGE_CYCLES, LeftUsingRight.class, RightUsingLeft.class)
                .hasMessageContaining("archviolation.cycle.left")
                .hasMessageContaining("archviolation.cycle.right");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> violating(ArchRule rule, Class<?>... fixture) {
        JavaClasses violation = new ClassFileImporter().importClasses(fixture);
        return assertThatThrownBy(() -> rule.check(violation)).isInstanceOf(AssertionError.class);
    }
}
