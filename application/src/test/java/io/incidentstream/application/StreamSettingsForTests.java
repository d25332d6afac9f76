package io.incidentstream.application;

import io.incidentstream.application.settings.StreamSettings;

/** Default settings but for one bound, for tests that need it small. */
final class StreamSettingsForTests {

    private StreamSettingsForTests() {}

    static StreamSettings maxPendingMessages(int value) {
        return StreamSettings.defaults().withMaxPendingMessages(value);
    }
}
