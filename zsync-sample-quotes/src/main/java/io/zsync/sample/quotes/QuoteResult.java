package io.zsync.sample.quotes;

import java.io.IOException;
import java.time.Duration;

/**
 * What {@link QuoteAggregator#quoteAll} found for one symbol: a {@link Quote}, or why there is
 * none. A {@code switch} over it needs no default.
 */
public sealed interface QuoteResult permits Quote, QuoteResult.TimedOut, QuoteResult.Failed {

    /** The symbol asked for. */
    String symbol();

    /**
     * No replica answered {@code symbol} within {@code timeout}.
     *
     * @param symbol  the symbol asked for
     * @param timeout the aggregator's timeout
     */
    record TimedOut(String symbol, Duration timeout) implements QuoteResult {}

    /**
     * Every replica failed for {@code symbol}.
     *
     * @param symbol  the symbol asked for
     * @param failure the first replica's failure, the others' attached as suppressed
     */
    record Failed(String symbol, IOException failure) implements QuoteResult {}
}
