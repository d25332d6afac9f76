package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentstream.bootstrap.config.ConfigLoader;
import io.incidentstream.bootstrap.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The systemd unit in docs/ starts the server as it expects to be started: its command line loads
 * (with the example configuration in place of /etc's), it stops with SIGTERM within a timeout longer
 * than the server's own shutdown, and it does not restart on a configuration error.
 */
class ServiceUnitTest {

    private static final Path UNIT = Path.of("..", "docs", "incident-stream.service");
    private static final Path EXAMPLE = Path.of("..", "docs", "incident-stream.conf.example");

    @Test
    void execStart_runsTheJar_withArgumentsTheServerAccepts() throws Exception {
        List<String> command = List.of(directives().get("ExecStart").split(" "));
        assertThat(command.subList(0, 3))
                .containsExactly("/usr/bin/java", "-jar", "/opt/incident-stream/incident-stream.jar");
        List<String> flags = new ArrayList<>(command.subList(3, command.size()));
        assertThat(flags).containsExactly("--config", "/etc/incident-stream/incident-stream.conf");
        flags.set(1, EXAMPLE.toString());

        ServerConfig config = ConfigLoader.load(flags.toArray(String[]::new), Map.of());

        assertThat(config.describeNonDefaults()).isEmpty();
    }

    @Test
    void stop_isSigterm_withMoreTimeThanTheServersShutdown_andNoRestartOnBadConfiguration() throws Exception {
        Map<String, String> unit = directives();
        ServerConfig defaults = ConfigLoader.load(new String[0], Map.of());

        assertThat(unit.get("KillSignal")).isEqualTo("SIGTERM");
        assertThat(Long.parseLong(unit.get("TimeoutStopSec")))
                .isGreaterThan(defaults.shutdown().timeout().toSeconds() + 5);
        assertThat(unit.get("RestartPreventExitStatus")).isEqualTo(Integer.toString(Main.CONFIGURATION_ERROR));
        assertThat(Long.parseLong(unit.get("LimitNOFILE")))
                .isGreaterThan(defaults.limits().maxConnections());
    }

    @Test
    void installCommands_inTheUnitsHeader_copyTheFilesTheUnitNames() throws Exception {
        String text = Files.readString(UNIT);

        assertThat(text)
                .contains("install -D -m 0644 bootstrap/target/incident-stream.jar "
                        + "/opt/incident-stream/incident-stream.jar")
                .contains("docs/incident-stream.conf.example /etc/incident-stream/incident-stream.conf");
    }

    private static Map<String, String> directives() throws Exception {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String line : Files.readAllLines(UNIT)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                directives.put(
                        line.substring(0, equals).trim(),
                        line.substring(equals + 1).trim());
            }
        }
        return directives;
    }
}
