package io.zsync.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run of wrk printed, read off its report:
 *
 * <pre>{@code
 *     Latency     1.02ms    2.11ms  40.00ms   95.00%
 *   311234 requests in 5.00s, 38.12MB read
 *   Socket errors: connect 0, read 3, write 0, timeout 0
 *   Non-2xx or 3xx responses: 12
 * Requests/sec:  62246.80
 * }</pre>
 *
 * (the two error lines only when there were any).
 *
 * @param requestsPerSecond the completed requests per second
 * @param requests          the completed requests
 * @param latencyMillis     the mean latency of a request, in milliseconds
 * @param socketErrors      connect, read, write and timeout errors, added up
 * @param errorResponses    responses whose status was not 2xx or 3xx
 */
record WrkResult(double requestsPerSecond, long requests, double latencyMillis, long socketErrors, long errorResponses) {

    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([0-9.]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in ", Pattern.MULTILINE);
    private static final Pattern LATENCY = Pattern.compile("^\\s*Latency\\s+([0-9.]+)(us|ms|s)\\s", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)", Pattern.MULTILINE);
    private static final Pattern ERROR_RESPONSES = Pattern.compile("^\\s*Non-2xx or 3xx responses: (\\d+)", Pattern.MULTILINE);

    /**
     * Reads wrk's report.
     *
     * @throws IOException if it has no {@code Requests/sec}, request count or latency line,
     *         quoting the output
     */
    static WrkResult parse(String output) throws IOException {
        Matcher rate = find(RATE, output, "Requests/sec");
        Matcher requests = find(REQUESTS, output, "requests in");
        Matcher latency = find(LATENCY, output, "Latency");
        long socketErrors = 0;
        Matcher errors = SOCKET_ERRORS.matcher(output);
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(errors.group(group));
            }
        }
        Matcher errorResponses = ERROR_RESPONSES.matcher(output);
        return new WrkResult(Double.parseDouble(rate.group(1)), Long.parseLong(requests.group(1)),
                millis(Double.parseDouble(latency.group(1)), latency.group(2)), socketErrors,
                errorResponses.find() ? Long.parseLong(errorResponses.group(1)) : 0);
    }

    private static Matcher find(Pattern pattern, String output, String what) throws IOException {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IOException("wrk printed no '" + what + "' line; its output:\n" + output.strip());
        }
        return matcher;
    }

    private static double millis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }
}
