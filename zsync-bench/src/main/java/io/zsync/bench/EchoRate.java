package io.zsync.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Go load client reports on success, as one line of its output:
 * {@code msgs=1234567 seconds=5.00 rate=246913.4}.
 *
 * @param messages   the messages echoed in the measured interval
 * @param seconds    the measured interval
 * @param perSecond  messages per second, as the client computed it (from the interval unrounded)
 */
record EchoRate(long messages, double seconds, double perSecond) {

    private static final Pattern LINE = Pattern.compile("msgs=(\\d{1,18}) seconds=(\\d+(?:\\.\\d+)?) rate=(\\d+(?:\\.\\d+)?)");

    /**
     * The rate in the client's output, on the one line that is exactly of the form above.
     *
     * @throws IOException if no line is, or more than one is, or the interval is not positive
     */
    static EchoRate parse(String output) throws IOException {
        EchoRate rate = null;
        for (String line : output.lines().toList()) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                if (rate != null) {
                    throw new IOException("the echo client printed more than one result line:\n" + output);
                }
                rate = new EchoRate(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)));
            }
        }
        if (rate == null) {
            throw new IOException("the echo client printed no line 'msgs=N seconds=S rate=R':\n" + output);
        }
        if (rate.seconds() <= 0) {
            throw new IOException("the echo client measured for " + rate.seconds() + " s: " + output.strip());
        }
        return rate;
    }
}
