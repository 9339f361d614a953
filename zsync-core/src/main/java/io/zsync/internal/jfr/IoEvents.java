package io.zsync.internal.jfr;

import jdk.jfr.FlightRecorder;

/**
 * Begins {@code io.zsync.IoOperation} events for the readers and writers of {@code io.zsync.io}, only once JFR's recorder
 * has started in this JVM: until then the event class is not even loaded, since loading it starts
 * JFR's machinery, which costs tens of milliseconds.
 */
public final class IoEvents {

    private IoEvents() {}

    /** A begun event, or {@code null} while the event is not recorded. */
    public static IoOperationEvent begin() {
        return FlightRecorder.isInitialized() ? IoOperationEvent.beginIfRecorded() : null;
    }
}
