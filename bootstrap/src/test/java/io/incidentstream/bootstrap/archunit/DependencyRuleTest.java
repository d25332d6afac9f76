package io.incidentstream.bootstrap.archunit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.incidentstream.adapters.websocket.archviolation.WebSocketAdapterUsingHttpAdapter;
import io.incidentstream.application.archviolation.ApplicationUsingJackson;
import io.incidentstream.domain.archviolation.DomainUsingJetty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's dependency rule holds for the shipped code, and each rule really catches a violation. */
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
    void adapters_useOnlyPortsAndTheirLibraries() {
        DependencyRules.WEBSOCKET_ADAPTER_USES_PORTS_ONLY.check(production);
        DependencyRules.HTTP_ADAPTER_USES_PORTS_ONLY.check(production);
        DependencyRules.METRICS_ADAPTER_USES_PORTS_ONLY.check(production);
        DependencyRules.AUTH_ADAPTER_USES_PORTS_ONLY.check(production);
        DependencyRules.WEB_ADAPTER_USES_JETTY_ONLY.check(production);
        DependencyRules.REDIS_ADAPTER_USES_PORTS_ONLY.check(production);
    }

    @Test
    void domainRule_catchesAFrameworkImport() {
        JavaClasses violation = new ClassFileImporter().importClasses(DomainUsingJetty.class);
        assertThatThrownBy(() -> DependencyRules.DOMAIN_DEPENDS_ONLY_ON_JAVA.check(violation))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org.eclipse.jetty");
    }

    @Test
    void applicationRule_catchesAFrameworkImport() {
        JavaClasses violation = new ClassFileImporter().importClasses(ApplicationUsingJackson.class);
        assertThatThrownBy(() -> DependencyRules.APPLICATION_DEPENDS_ONLY_ON_DOMAIN.check(violation))
                .isInstanceOf(AssertionError.class).hasMessageContaining("com.fasterxml.jackson");
    }

    @Test
    void adapterRule_catchesAnAdapterUsingAnotherAdapterOrAService() {
        JavaClasses violation = new ClassFileImporter().importClasses(WebSocketAdapterUsingHttpAdapter.class);
        assertThatThrownBy(() -> DependencyRules.WEBSOCKET_ADAPTER_USES_PORTS_ONLY.check(violation))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.incidentstream.adapters.http")
                .hasMessageContaining("io.incidentstream.application.session");
    }
}
