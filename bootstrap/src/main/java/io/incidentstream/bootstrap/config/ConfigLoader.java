package io.incidentstream.bootstrap.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the configuration from, in rising precedence: defaults, an optional file
 * ({@code --config FILE}, {@code key = value} lines), environment variables
 * ({@code INCIDENT_STREAM_<KEY>}) and flags ({@code --key value} or {@code --key=value}). Every
 * value is validated; the first bad one stops start-up with a message naming the key and its source.
 */
public final class ConfigLoader {

    private static final String ENV_PREFIX = "INCIDENT_STREAM_";

    private ConfigLoader() {}

    public static ServerConfig load(String[] args, Map<String, String> environment) {
        return load(args, environment, Map.of());
    }

    static ServerConfig load(String[] args, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, Setting> known = Settings.byKey();
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        known.values().forEach(s -> {
            raw.put(s.key(), s.defaultValue());
            origin.put(s.key(), "default");
        });

        Map<String, String> flags = parseFlags(args);
        String flagFile = flags.remove("config");
        String file = flagFile != null ? flagFile : environment.get(ENV_PREFIX + "CONFIG");
        if (file != null) {
            readFile(Path.of(file)).forEach((key, value) -> put(known, raw, origin, key, value, "file " + file));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.equals(ENV_PREFIX + "CONFIG")) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
                put(known, raw, origin, key, value, "environment variable " + name);
            }
        });
        flags.forEach((key, value) -> put(known, raw, origin, key, value, "flag --" + key.replace('_', '-')));
        overrides.forEach((key, value) -> put(known, raw, origin, key, value, "override"));

        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting setting : known.values()) {
            String text = raw.get(setting.key());
            try {
                values.put(setting.key(), setting.parser().apply(text));
            } catch (IllegalArgumentException e) {
                // A Redis URL may carry a password: the message says what is wrong with it, not what it is.
                String shown = setting.key().equals("redis_url") ? "(not shown)" : "'" + text + "'";
                throw new ConfigurationException("invalid value " + shown + " for " + setting.key() + " (from "
                        + origin.get(setting.key()) + "): " + e.getMessage());
            }
        }
        return new ConfigBinding(values, origin).bind();
    }

    private static void put(
            Map<String, Setting> known,
            Map<String, String> raw,
            Map<String, String> origin,
            String key,
            String value,
            String source) {
        if (!known.containsKey(key)) {
            throw new ConfigurationException("unknown setting '" + key + "' (from " + source + "); known settings: "
                    + String.join(", ", known.keySet()));
        }
        raw.put(key, value);
        origin.put(key, source);
    }

    /** {@code --key value} and {@code --key=value}; dashes and underscores in keys are the same. */
    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigurationException("unexpected argument '" + arg + "': flags look like --port 8080");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigurationException("flag " + arg + " needs a value");
            }
            flags.put(name.replace('-', '_'), value);
        }
        return flags;
    }

    private static Map<String, String> readFile(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read config file " + path + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name.trim(), properties.getProperty(name)));
        return values;
    }
}
