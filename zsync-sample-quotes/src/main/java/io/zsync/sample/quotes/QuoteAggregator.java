package io.zsync.sample.quotes;

import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.Select;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Quotes symbols from the replicas of an exchange (the line protocol of {@link Exchange}): each
 * symbol is asked of every replica at once, the first answer wins, the replicas that fail are
 * passed over, and the ones still asking when a replica answered are canceled (their connections
 * closed). Every symbol's quoting is bounded by one timeout.
 *
 * <ul>
 *   <li>{@link #quote}: one symbol, from zsync code;</li>
 *   <li>{@link #quoteAll}: many symbols at once, each result handed to a queue as soon as it is
 *       known, a symbol that failed or timed out reported as such;</li>
 *   <li>{@link #quoteAsync}: a {@link CompletableFuture}, for code that is not zsync's.</li>
 * </ul>
 *
 * <p>On a backend without concurrency ({@code blocking}) the replicas are asked one after
 * another, each to its end, and the symbols quoted one after another: a slow replica then holds a
 * symbol up until its timeout, even when another replica would have answered. Safe to use from any
 * task or thread of its {@code Io}.
 */
public final class QuoteAggregator {

    private final Io io;
    private final List<SocketAddress> replicas;
    private final Duration timeout;

    /**
     * An aggregator that asks {@code replicas}, giving each symbol {@code timeout} to be answered.
     *
     * @throws IllegalArgumentException if {@code replicas} is empty
     */
    public QuoteAggregator(Io io, List<? extends SocketAddress> replicas, Duration timeout) {
        this.io = Objects.requireNonNull(io, "io is null");
        this.replicas = List.copyOf(replicas);
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
        if (this.replicas.isEmpty()) {
            throw new IllegalArgumentException("replicas is empty; pass the address of at least one replica");
        }
    }

    /**
     * The quote of {@code symbol} from the first replica to answer. A cancellation point: canceled,
     * it cancels the replicas' calls and throws {@link io.zsync.CanceledException}.
     *
     * @throws TimeoutException if no replica answered within the timeout; the calls still running
     *         were canceled, their connections closed
     * @throws IOException if every replica failed (closed the connection, answered {@code ERR}):
     *         the first failure, with the others attached as suppressed
     */
    public Quote quote(String symbol) throws IOException, TimeoutException {
        return io.withTimeout(timeout, () -> {
            try (Select<Quote, IOException> race = io.select()) {
                for (SocketAddress replica : replicas) {
                    race.add(io.async(() -> ask(replica, symbol)));
                }
                return race.awaitSuccess();
            }                                            // close(): the replicas still asking are canceled
        });
    }

    /**
     * Quotes every one of {@code symbols} at once, each as {@link #quote} does, and puts each
     * result into {@code results} as soon as it is known, so that a consumer (a {@link Reporter})
     * can take them meanwhile; a symbol that failed or timed out neither delays nor cancels the
     * others' results. Leaves {@code results} open. A cancellation point: canceled, it cancels every
     * symbol's quoting and throws {@link io.zsync.CanceledException}.
     *
     * <p>On a backend without concurrency nobody takes from {@code results} while this runs:
     * give it room for every symbol.
     *
     * @return each symbol's result, in the order of {@code symbols}
     * @throws io.zsync.QueueClosedException if {@code results} was closed
     */
    public List<QuoteResult> quoteAll(List<String> symbols, Queue<? super QuoteResult> results) {
        try (Group<RuntimeException> lookups = io.group()) {
            List<Future<QuoteResult, RuntimeException>> each = new ArrayList<>(symbols.size());
            for (String symbol : symbols) {
                each.add(lookups.async(() -> {
                    QuoteResult result = lookUp(symbol);
                    results.put(result);                // waits while the queue is full
                    return result;
                }));
            }
            return Future.awaitAll(each);
        }
    }

    /**
     * {@link #quote}, for code that is not zsync's (a plain thread, a {@code CompletableFuture}
     * pipeline, a framework): the returned future completes with the quote, or exceptionally with
     * {@code quote}'s {@link TimeoutException} or {@link IOException}. Canceling it (or completing
     * it first, or its {@code orTimeout} firing) cancels the quoting: the replicas' connections are
     * closed. It completes on {@link CompletableFuture}'s default executor, never on a thread of
     * the {@code Io}. On a backend without concurrency it quotes inline: the future has completed
     * when this returns.
     */
    public CompletableFuture<Quote> quoteAsync(String symbol) {
        return io.async(() -> quote(symbol)).toCompletableFuture();
    }

    private QuoteResult lookUp(String symbol) {
        try {
            return quote(symbol);
        } catch (TimeoutException slow) {
            return new QuoteResult.TimedOut(symbol, timeout);
        } catch (IOException failed) {
            return new QuoteResult.Failed(symbol, failed);
        }
    }

    /** One replica's answer to {@code QUOTE symbol}, on a connection of its own. */
    private Quote ask(SocketAddress replica, String symbol) throws IOException {
        try (Connection connection = io.net().connect(replica)) {
            Writer out = connection.writer();
            out.print("QUOTE " + symbol + "\n");
            out.flush();
            String answer = connection.reader().readLine(StandardCharsets.UTF_8, Exchange.MAX_LINE);
            if (answer == null) {
                throw new EOFException(replica + " closed the connection without answering QUOTE " + symbol);
            }
            String price = answer.startsWith(symbol + " ") ? answer.substring(symbol.length() + 1) : "";
            try {
                return new Quote(symbol, new BigDecimal(price));
            } catch (NumberFormatException notAQuote) {                // ERR, or a garbled answer
                throw new IOException(replica + " answered '" + answer + "' to QUOTE " + symbol);
            }
        }
    }
}
