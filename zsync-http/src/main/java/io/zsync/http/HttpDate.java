package io.zsync.http;

import java.time.Instant;

/** The {@code Date} field's value, made once a second and shared by every connection. */
final class HttpDate {

    private record Stamp(long second, String text) {
    }

    private static volatile Stamp current = new Stamp(Long.MIN_VALUE, "");

    private HttpDate() {
    }

    /** The IMF-fixdate of {@code now}, to the second. */
    static String of(Instant now) {
        Stamp stamp = current;
        long second = now.getEpochSecond();
        if (stamp.second != second) {
            stamp = new Stamp(second, HttpSyntax.date(Instant.ofEpochSecond(second)));
            current = stamp;
        }
        return stamp.text;
    }
}
