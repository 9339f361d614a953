package io.zsync.sample.quotes;

import static io.zsync.sample.quotes.Exchange.Behaviour.ANSWERS;
import static io.zsync.sample.quotes.Exchange.Behaviour.FAILING;
import static io.zsync.sample.quotes.Exchange.Behaviour.SLOW;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.Queue;
import io.zsync.io.Writer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the sample on loopback, in one {@link Io}: a {@link Market} of four replicas (two slow,
 * one failing, and one that answers but has {@code INITECH} halted), an {@link FxRateServer}, and
 * a report of the symbols' quotes in US dollars and euros:
 * {@code java -m io.zsync.sample.quotes/io.zsync.sample.quotes.Main [backend] [symbol...]}
 * ({@code virtual}, and {@code ACME GLOBEX INITECH NOPE}, by default). The market needs a backend
 * with concurrency: {@code threaded}, {@code virtual} or {@code evented}.
 */
public final class Main {

    /** The exchange's prices, in US dollars. */
    static final Map<String, BigDecimal> PRICES = Map.of(
            "ACME", new BigDecimal("123.45"), "GLOBEX", new BigDecimal("67.80"), "INITECH", new BigDecimal("9.99"));

    private Main() {}

    /**
     * Opens {@code backend}, with room for the market on {@code threaded}: each replica's accept
     * loop holds one of its threads, and a task that finds none free runs inline (which makes a
     * race of replicas a sequence). Only {@code threaded} takes that option: the others refuse it.
     */
    static Io open(String backend) {
        return Io.open(backend, backend.equals("threaded") ? IoOptions.defaults().threads(64) : IoOptions.defaults());
    }

    /** Runs the sample; the arguments are the backend's name and the symbols to quote, all optional. */
    public static void main(String[] args) throws IOException {
        String backend = args.length > 0 ? args[0] : "virtual";
        List<String> symbols = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("ACME", "GLOBEX", "INITECH", "NOPE");
        try (Io io = open(backend);
                Market market = Market.open(io, PRICES, SLOW, FAILING, ANSWERS, SLOW);
                FxRateServer fxService = FxRateServer.start(Map.of("EUR", new BigDecimal("0.92")));
                FxClient fx = new FxClient(io, fxService.uri())) {
            market.replica(2).halt("INITECH");
            QuoteAggregator aggregator = new QuoteAggregator(io, market.addresses(), Duration.ofSeconds(1));
            FxClient.Rate euros = fx.rate("EUR");
            Queue<QuoteResult> results = io.queue(16);
            Writer out = Writer.of(Channels.newChannel(System.out), 4096);
            try (Future<Void, IOException> reporter = io.concurrent(() -> Reporter.report(results, euros, out))) {
                aggregator.quoteAll(symbols, results);
                results.close();                       // the reporter ends once it has printed every result
                reporter.await();
            }
        }   // closed in reverse order: the FX client, the FX service, the market (its connections close), the Io
    }
}
