package io.zsync.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An HTTP client that {@link HttpClientBench} measures: it sends {@code GET uri} from
 * {@value HttpClientBench#CONCURRENCY} concurrent tasks (or threads), each task one request at a
 * time, checking every answer ({@code 200}, {@code Hello, World!}), through one client whose
 * connections are kept alive and reused.
 */
interface ClientLoad {

    /** The name in the report, such as {@code "jdk-httpclient"}. */
    String name();

    /**
     * Sends {@code warmup} requests, not timed, then {@code requests}, timed, through the same client.
     *
     * @param limit how long both may take together, at most; then the requests still in flight are
     *              cancelled and this fails
     * @return the timed requests per second
     * @throws IOException if a request failed, an answer was not the expected one, or the limit
     *         passed; the message says which
     */
    double requestsPerSecond(URI uri, int warmup, int requests, Duration limit) throws IOException, InterruptedException;

    /**
     * Checks one answer.
     *
     * @throws IOException unless it is {@code 200} with {@code Hello, World!}
     */
    static void check(int status, byte[] body) throws IOException {
        if (status != 200 || !new String(body, StandardCharsets.US_ASCII).equals("Hello, World!")) {
            throw new IOException("the server answered " + status + " with " + body.length
                    + " bytes, not 200 with 'Hello, World!'");
        }
    }
}
