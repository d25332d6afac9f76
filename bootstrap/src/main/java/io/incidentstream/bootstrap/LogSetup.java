package io.incidentstream.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.LoggerFactory;

/**
 * Console logging, set up in code: parsing an XML configuration loads several hundred classes and
 * was the largest single part of start-up. {@code LOG_LEVEL} (e.g. {@code debug}) sets the level of
 * the first lines; once the configuration is read, {@link #apply} switches to the {@code log_format}
 * and {@code log_level} settings. A {@code -Dlogback.configurationFile} takes precedence over both.
 *
 * <p>Libraries log at WARN whatever the level: at DEBUG an operator wants this server's sessions,
 * not Jetty's buffers and extensions.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    private static final String APPENDER = "CONSOLE";
    /** The logger context's property holding this node's id (engine=redis): a cluster's nodes log to one place. */
    static final String NODE_ID = "node_id";
    /**
     * Library code, logging under library names or, for a class of ours that extends a Jetty class
     * (the deflate extension: Jetty's logger is named after the runtime class), under ours.
     */
    private static final String[] LIBRARIES = {
        "org.eclipse.jetty",
        "io.micrometer",
        "com.nimbusds",
        "io.lettuce",
        "dagger",
        "io.incidentstream.adapters.websocket.ReleasingDeflateExtension"
    };

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        console.setEncoder(encoder(context, "text"));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("LOG_LEVEL"), Level.INFO));
        root.addAppender(console);
        for (String library : LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        RefusalLogLimit limit = new RefusalLogLimit();
        limit.setContext(context);
        limit.start();
        context.addTurboFilter(limit);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Switches the console to {@code format} ({@code text} or {@code json}) and, when {@code level} is
     * not null, to that level. Does nothing when logging was configured by a file.
     */
    static void apply(String format, String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(APPENDER) instanceof ConsoleAppender<ILoggingEvent> console)) {
            return;
        }
        if (level != null) {
            root.setLevel(Level.toLevel(level, Level.INFO));
        }
        if (format.equals("json")) {
            console.stop();
            console.setEncoder(encoder(context, format));
            console.start();
        }
    }

    /**
     * From now on every line names this node: text lines after the level, JSON lines as
     * {@code node_id}. One node per process in production; several nodes in one JVM (tests) share
     * the logger, and the last one set is named.
     */
    static void nodeId(String id) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            // Both layouts read it at every line.
            context.putProperty(NODE_ID, id);
        }
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
        LayoutBase<ILoggingEvent> layout = format.equals("json") ? new JsonLogLayout() : new TextLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
