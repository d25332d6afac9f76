package io.incidentstream.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --help} and the example configuration come from the settings table: every setting is in
 * both, with its default, and the example file in docs/ is that output and loads.
 */
class HelpAndExampleTest {

    /** The copy shipped for operators, relative to the bootstrap module where the tests run. */
    private static final Path SHIPPED_EXAMPLE = Path.of("..", "docs", "incident-stream.conf.example");

    @TempDir
    Path dir;

    @Test
    void help_listsEverySetting_inItsGroup_withFlagAcceptedValuesDefaultAndEnvironmentVariable() {
        String help = HelpText.render("1.2.3");

        assertThat(help).startsWith("incident-stream 1.2.3: ");
        for (SettingGroup group : Settings.GROUPS) {
            int title = help.indexOf("\n" + group.title() + "\n");
            assertThat(title).as("group " + group.title()).isPositive();
            for (Setting setting : group.settings()) {
                String line = "  " + setting.flag() + " <" + setting.accepts() + ">   [default "
                        + (setting.defaultValue().isEmpty() ? "empty" : setting.defaultValue()) + "; env "
                        + setting.environmentVariable() + "]\n";
                assertThat(help).as(setting.key()).contains(line);
                assertThat(help.indexOf(line))
                        .as(setting.key() + " under " + group.title())
                        .isGreaterThan(title);
            }
        }
        // Explanations wrap at 100 columns; a flag's own line is as long as its default makes it.
        assertThat(help.lines().filter(line -> !line.startsWith("  --")))
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
    }

    @Test
    void shippedExample_isWhatExampleConfigPrints() throws Exception {
        assertThat(Files.readString(SHIPPED_EXAMPLE))
                .as(
                        "docs/incident-stream.conf.example is stale: regenerate it with"
                                + " java -jar bootstrap/target/incident-stream.jar --example-config > docs/incident-stream.conf.example")
                .isEqualTo(ExampleConfig.render());
    }

    @Test
    void example_asShipped_loads_andGivesTheDefaults() throws Exception {
        ServerConfig config = ConfigLoader.load(new String[] {"--config", SHIPPED_EXAMPLE.toString()}, Map.of());

        assertThat(config.describeNonDefaults()).isEmpty();
        assertThat(config.toString())
                .isEqualTo(ConfigLoader.load(new String[0], Map.of()).toString());
    }

    @Test
    void example_withEverySettingUncommented_loads_andGivesTheDefaults() throws Exception {
        String uncommented = ExampleConfig.render().replaceAll("(?m)^#([a-z0-9_]+ =)", "$1");
        Path file = dir.resolve("all.conf");
        Files.writeString(file, uncommented);

        ServerConfig config = ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of());

        assertThat(config.describeNonDefaults()).hasSize(Settings.ALL.size());
        assertThat(config.toString())
                .isEqualTo(ConfigLoader.load(new String[0], Map.of()).toString());
        for (Setting setting : Settings.ALL) {
            assertThat(uncommented).contains("\n" + setting.key() + " =");
        }
    }

    @Test
    void nonDefaults_nameTheirSource_andHideSecrets() {
        ServerConfig config = ConfigLoader.load(
                new String[] {"--port", "9000"},
                Map.of("INCIDENT_STREAM_JWT_HS256_SECRET", "a-secret-of-at-least-32-bytes-long!!"));

        assertThat(config.describeNonDefaults())
                .containsExactly(
                        "port=9000 (from flag --port)",
                        "jwt_hs256_secret=(hidden) (from environment variable INCIDENT_STREAM_JWT_HS256_SECRET)");
        assertThat(config.describeSources()).containsExactly("defaults", "environment", "flags");
    }
}
