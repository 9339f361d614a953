package io.zsync.sample.quotes;

import static io.zsync.sample.quotes.Exchange.Behaviour.ANSWERS;
import static io.zsync.sample.quotes.Exchange.Behaviour.FAILING;
import static io.zsync.sample.quotes.Exchange.Behaviour.SLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.AsyncStackTrace;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.io.ArrayWriter;
import io.zsync.io.Writer;
import io.zsync.junit.LeakCheck;
import io.zsync.net.Connection;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aggregator against a market of slow and failing replicas on loopback, on each backend.
 * {@link LeakCheck} fails a test that leaves a future, group or socket open. These tests run on
 * the module path, patched into the module {@code io.zsync.sample.quotes}.
 *
 * <p>The market needs concurrency, so on {@code blocking} it runs on {@code virtual}, and only the
 * aggregator runs on {@code blocking}, with no slow replica (asked one after another, each to its
 * end, a slow replica would hold every symbol up to the timeout).
 */
@ExtendWith(LeakCheck.class)
@Timeout(60)
class QuotesTest {

    /** The aggregator's timeout where no symbol should time out: reached only if the code is wrong. */
    private static final Duration NEVER = Duration.ofMinutes(5);
    /** The aggregator's timeout where a symbol times out: long enough for the others to be answered. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** A bound on a wait that ends at once when the code is right. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Quote ACME = new Quote("ACME", new BigDecimal("123.45"));
    private static final Quote GLOBEX = new Quote("GLOBEX", new BigDecimal("67.80"));
    private static final FxClient.Rate EUROS = new FxClient.Rate("EUR", new BigDecimal("0.92"));

    /** The backend, with room for the market on {@code threaded}, as {@link Main} opens it. */
    private static Io open(String backend) {
        return Main.open(backend);
    }

    @Test
    void runsInTheSampleModule() {
        assertEquals("io.zsync.sample.quotes", getClass().getModule().getName(),
                "the tests run on the class path: surefire's useModulePath is off");
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void theFirstReplicaToAnswerWinsOverSlowAndFailingOnes(String backend) throws Exception {
        try (Io io = open(backend);
                Market market = Market.open(io, Main.PRICES, SLOW, FAILING, ANSWERS, SLOW)) {
            QuoteAggregator aggregator = new QuoteAggregator(io, market.addresses(), NEVER);
            assertEquals(ACME, aggregator.quote("ACME"));
            assertEquals(GLOBEX, io.async(() -> aggregator.quote("GLOBEX")).await(), "in a task");
            assertEquals(ACME, aggregator.quoteAsync("ACME").get(), "through the CompletableFuture");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "threaded", "virtual", "evented"})
    void aSymbolEveryReplicaFailsForFailsWithEveryFailure(String backend) throws Exception {
        try (Io marketIo = open(backend.equals("blocking") ? "virtual" : backend);
                Io io = open(backend);
                Market market = Market.open(marketIo, Main.PRICES, FAILING, ANSWERS)) {
            QuoteAggregator aggregator = new QuoteAggregator(io, market.addresses(), NEVER);
            assertEquals(ACME, aggregator.quote("ACME"));
            IOException failed = null;
            try {
                fail("every replica failed, yet NOPE was quoted: " + aggregator.quote("NOPE"));
            } catch (IOException expected) {
                failed = expected;
            }
            List<String> messages = new ArrayList<>();
            messages.add(failed.getMessage());
            Arrays.stream(failed.getSuppressed())
                    .filter(suppressed -> !(suppressed instanceof AsyncStackTrace))   // where the first failed task was spawned
                    .map(Throwable::getMessage).forEach(messages::add);
            assertEquals(2, messages.size(), "one failure per replica: " + messages);
            assertTrue(messages.stream().anyMatch(m -> m.contains("answered 'ERR unknown symbol NOPE'")), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.contains("closed the connection without answering")), messages.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void aTimedOutSymbolIsReportedAsSuchAndTheOthersComeBack(String backend) throws Exception {
        try (Io io = open(backend);
                Market market = Market.open(io, Main.PRICES, SLOW, FAILING, ANSWERS, SLOW);
                FxRateServer fxService = FxRateServer.start(Map.of("EUR", EUROS.rate()));
                FxClient fx = new FxClient(io, fxService.uri())) {
            market.replica(2).halt("INITECH");
            QuoteAggregator aggregator = new QuoteAggregator(io, market.addresses(), TIMEOUT);
            Queue<QuoteResult> results = io.queue(2);               // smaller than the symbols: the reporter takes meanwhile
            ArrayWriter out = Writer.growing();
            List<QuoteResult> all;
            try (Future<Void, IOException> reporter = io.concurrent(() -> Reporter.report(results, fx.rate("EUR"), out))) {
                all = aggregator.quoteAll(List.of("ACME", "INITECH", "GLOBEX"), results);
                results.close();
                reporter.await();
            }
            assertEquals(List.of(ACME, new QuoteResult.TimedOut("INITECH", TIMEOUT), GLOBEX), all);
            assertEquals(List.of("ACME 123.45 USD = 113.57 EUR", "GLOBEX 67.80 USD = 62.38 EUR", "INITECH timed out after 3000 ms"),
                    lines(out), "the reporter prints each result once (sorted here: they come in any order)");
        }
    }

    @Test
    void withoutConcurrencyTheSymbolsAreQuotedOneAfterAnother() throws Exception {
        try (Io marketIo = open("virtual");
                Io io = open("blocking");
                Market market = Market.open(marketIo, Main.PRICES, FAILING, ANSWERS);
                FxRateServer fxService = FxRateServer.start(Map.of("EUR", EUROS.rate()));
                FxClient fx = new FxClient(io, fxService.uri())) {
            QuoteAggregator aggregator = new QuoteAggregator(io, market.addresses(), NEVER);
            Queue<QuoteResult> results = io.queue(3);               // room for every result: nobody takes meanwhile
            List<QuoteResult> all = aggregator.quoteAll(List.of("ACME", "NOPE", "GLOBEX"), results);
            results.close();
            ArrayWriter out = Writer.growing();
            Reporter.report(results, fx.rate("EUR"), out);
            assertEquals(ACME, all.get(0));
            assertInstanceOf(QuoteResult.Failed.class, all.get(1));
            assertEquals(GLOBEX, all.get(2));
            assertTrue(lines(out).contains("GLOBEX 67.80 USD = 62.38 EUR"), lines(out).toString());
            assertTrue(aggregator.quoteAsync("ACME").isDone(), "on blocking, quoteAsync quotes inline");
            assertEquals(ACME, aggregator.quoteAsync("ACME").join());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void cancelingQuoteAsyncsFutureClosesTheConnectionsToTheReplicas(String backend) throws Exception {
        try (Io io = open(backend);
                Market market = Market.open(io, Main.PRICES, SLOW, SLOW)) {
            QuoteAggregator aggregator = new QuoteAggregator(io, market.addresses(), NEVER);
            CompletableFuture<Quote> acme = aggregator.quoteAsync("ACME");   // from a thread that is not zsync's
            for (int i = 0; i < 2; i++) {
                assertEquals("QUOTE ACME", market.replica(i).nextRequest(PATIENCE));
            }
            assertFalse(acme.isDone(), "a slow replica answered");
            acme.cancel(true);
            assertTrue(acme.isCancelled());
            for (int i = 0; i < 2; i++) {
                assertTrue(market.replica(i).awaitHangUp(PATIENCE), "replica " + i + " saw no hang-up");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void theExchangeServesOnAfterAConnectionsHandlerFailed(String backend) throws Exception {
        try (Io io = open(backend);
                Market market = Market.open(io, Main.PRICES, ANSWERS)) {
            SocketAddress exchange = market.addresses().getFirst();
            try (Connection before = io.net().connect(exchange)) {
                assertEquals("ACME 123.45", call(before, "QUOTE ACME"));
                try (Connection bad = io.net().connect(exchange)) {
                    assertNull(call(bad, "HELLO"), "the failed handler's connection was not closed");
                }
                Throwable failure = market.replica(0).nextFailure(PATIENCE);
                assertInstanceOf(IllegalArgumentException.class, failure);
                assertTrue(failure.getMessage().contains("not a request: 'HELLO'"), failure.getMessage());
                assertEquals("GLOBEX 67.80", call(before, "QUOTE GLOBEX"), "a connection open before the failure");
            }
            try (Connection after = io.net().connect(exchange)) {
                assertEquals("ACME 123.45", call(after, "QUOTE ACME"), "a connection made after the failure");
            }
        }
    }

    /** Sends {@code request} on {@code connection} and reads the answer, {@code null} if the connection closed. */
    private static String call(Connection connection, String request) throws IOException {
        connection.writer().print(request + "\n");
        connection.writer().flush();
        return connection.reader().readLine();
    }

    /** What the reporter printed, sorted. */
    private static List<String> lines(ArrayWriter out) {
        return new String(out.toByteArray(), StandardCharsets.UTF_8).lines().sorted().toList();
    }
}
