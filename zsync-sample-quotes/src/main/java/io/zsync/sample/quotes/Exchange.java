package io.zsync.sample.quotes;

import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.Semaphore;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * One replica of a stock exchange: a server of a line protocol (UTF-8, a line ends at
 * {@code '\n'}) that answers {@code QUOTE SYM} with {@code SYM 123.45}, or with
 * {@code ERR unknown symbol SYM}, and serves each connection until the client closes it. A replica
 * {@linkplain Behaviour behaves} well, slowly or badly, to try the aggregator on.
 *
 * <p>Each connection is served in a task of its own, in a supervisor group: a connection whose
 * handler fails (a request it cannot parse, a halted replica, a client that reset) is closed, its
 * failure is kept for {@link #nextFailure}, and the other connections are served on. What a
 * monitor (or a test) may watch: {@link #nextRequest}, {@link #nextFailure}, {@link #awaitHangUp}.
 * Safe to use from any task or thread.
 */
public final class Exchange {

    /** The longest request served, in bytes, without its {@code '\n'}; a longer one fails its connection. */
    public static final int MAX_LINE = 256;
    /** How many requests and failures are kept for {@link #nextRequest} and {@link #nextFailure}; later ones are dropped until they are taken. */
    private static final int KEPT = 64;
    private static final String QUOTE = "QUOTE ";

    /** How a replica answers. */
    public enum Behaviour {
        /** Answers every request at once. */
        ANSWERS,
        /** Reads every request and answers none: a replica that never answers in time. */
        SLOW,
        /** Fails on every request: its handler throws, so the connection closes unanswered. */
        FAILING
    }

    private final Io io;
    private final Behaviour behaviour;
    private final Map<String, BigDecimal> prices;
    private final Set<String> halted = ConcurrentHashMap.newKeySet();
    private final Queue<String> requests;
    private final Queue<Throwable> failures;
    private final Semaphore hangUps;

    /**
     * A replica that quotes {@code prices} (in US dollars) and behaves as {@code behaviour} says;
     * it serves once {@link #serve} is called.
     */
    public Exchange(Io io, Behaviour behaviour, Map<String, BigDecimal> prices) {
        this.io = Objects.requireNonNull(io, "io is null");
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour is null");
        this.prices = Map.copyOf(prices);
        this.requests = io.queue(KEPT);
        this.failures = io.queue(KEPT);
        this.hangUps = io.semaphore(0);
    }

    /**
     * Accepts connections on {@code listener} and serves each in a task of its own (or inline,
     * holding up the next accept, when the backend has no thread free), until the calling task is
     * canceled: then every connection is closed, and this throws {@link io.zsync.CanceledException}.
     * Run it with {@link Io#concurrent}; the listener stays the caller's to close.
     *
     * @throws IOException if accepting fails
     */
    public void serve(Listener listener) throws IOException {
        // tryPut never waits, as a supervisor's handler must not: a full queue drops the failure.
        try (Group<IOException> connections = io.supervisorGroup(failures::tryPut)) {
            while (true) {
                Connection connection = listener.accept();          // a cancellation point
                connections.async(() -> answer(connection));
            }
        }                                                           // cancels the connections left, and waits for them
    }

    /**
     * Stops answering {@code symbol}, as in a trading halt that the feed does not announce: its
     * requests are read and left unanswered, as a {@link Behaviour#SLOW} replica leaves them all.
     */
    public void halt(String symbol) {
        halted.add(Objects.requireNonNull(symbol, "symbol is null"));
    }

    /**
     * The oldest request line read and not taken yet, waiting up to {@code timeout} for one. A
     * cancellation point.
     *
     * @throws TimeoutException if no request came within {@code timeout}
     */
    public String nextRequest(Duration timeout) throws TimeoutException {
        return requests.get(timeout);
    }

    /**
     * The oldest failure of a connection's handler not taken yet, waiting up to {@code timeout}
     * for one: for a monitor that logs them, or a test. A cancellation point.
     *
     * @throws TimeoutException if no handler failed within {@code timeout}
     */
    public Throwable nextFailure(Duration timeout) throws TimeoutException {
        return failures.get(timeout);
    }

    /**
     * Waits up to {@code timeout} for a client to close a connection it opened: what a slow
     * replica sees of a client that gave up. Each close is counted once. A cancellation point.
     *
     * @return {@code true} if a client closed a connection not counted yet; {@code false} if none
     *         did within {@code timeout}
     */
    public boolean awaitHangUp(Duration timeout) {
        return hangUps.acquire(timeout);
    }

    private void answer(Connection connection) throws IOException {
        try (connection) {
            Reader in = connection.reader();
            Writer out = connection.writer();
            for (String request; (request = in.readLine(StandardCharsets.UTF_8, MAX_LINE)) != null; ) {
                requests.tryPut(request);
                String symbol = symbolOf(request);
                if (behaviour == Behaviour.FAILING) {
                    throw new IllegalStateException("trading is halted on this replica; refused: " + request);
                }
                if (behaviour == Behaviour.SLOW || halted.contains(symbol)) {
                    continue;                                        // read on: the client gives up first
                }
                BigDecimal price = prices.get(symbol);
                out.print(price == null ? "ERR unknown symbol " + symbol + "\n" : symbol + " " + price.toPlainString() + "\n");
                out.flush();
            }
            hangUps.release();                                       // the client closed its side
        }
    }

    private static String symbolOf(String request) {
        if (!request.startsWith(QUOTE) || request.length() == QUOTE.length()) {
            throw new IllegalArgumentException("not a request: '" + request + "'; send QUOTE <symbol>");
        }
        return request.substring(QUOTE.length());
    }
}
