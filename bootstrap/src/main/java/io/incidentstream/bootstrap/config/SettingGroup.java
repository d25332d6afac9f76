package io.incidentstream.bootstrap.config;

import java.util.List;

/** Settings that belong together, under a title, as {@code --help} and the example configuration list them. */
record SettingGroup(String title, List<Setting> settings) {

    static SettingGroup of(String title, Setting... settings) {
        return new SettingGroup(title, List.of(settings));
    }
}
