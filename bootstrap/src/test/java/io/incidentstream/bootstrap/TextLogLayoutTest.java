package io.incidentstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The text lines operators grep and the docs quote are those of the logback pattern the server
 * used before the layout was written out: compared with that pattern, line for line.
 */
@Timeout(30)
class TextLogLayoutTest {

    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";
    private static final String NODE_PATTERN =
            "%d{HH:mm:ss.SSS} %-5level %property{node_id} [%thread] %logger{20} - %msg%n";

    private final LoggerContext context = new LoggerContext();

    @Test
    void aLine_isThePatternsLine() {
        LoggingEvent event = event(Level.WARN, "OPEN: no publisher API keys are configured", null);
        event.setTimeStamp(1_733_600_005_007L);

        assertThat(text(event))
                .isEqualTo(pattern(PATTERN, event))
                .matches(
                        "\\d{2}:\\d{2}:\\d{2}\\.007 WARN  \\[main] i\\.i\\.b\\.IncidentStreamServer - OPEN: no publisher API keys are configured\n");
    }

    @Test
    void everyLevel_isPaddedToFive() {
        for (Level level : new Level[] {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE}) {
            LoggingEvent event = event(level, "m", null);
            assertThat(text(event)).as(level.toString()).isEqualTo(pattern(PATTERN, event));
        }
    }

    @Test
    void aStackTrace_followsTheLine_asThePatternWritesIt() {
        LoggingEvent event = event(Level.ERROR, "could not start", new IllegalStateException("boom"));

        String line = text(event);

        assertThat(line)
                .isEqualTo(pattern(PATTERN, event))
                .contains("could not start\njava.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void aClusterNode_isNamedAfterTheLevel() {
        context.putProperty(LogSetup.NODE_ID, "node-7");
        LoggingEvent event = event(Level.INFO, "stream caught up", null);

        assertThat(text(event)).isEqualTo(pattern(NODE_PATTERN, event)).contains("INFO  node-7 [main] ");
    }

    private LoggingEvent event(Level level, String message, Throwable thrown) {
        Logger logger = context.getLogger("io.incidentstream.bootstrap.IncidentStreamServer");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, null);
        event.setThreadName("main");
        return event;
    }

    private String text(LoggingEvent event) {
        TextLogLayout layout = new TextLogLayout();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }

    private String pattern(String pattern, LoggingEvent event) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout.doLayout(event);
    }
}
