package io.zsync.sample.quotes;

import io.zsync.Queue;
import io.zsync.io.Writer;
import java.io.IOException;
import java.math.RoundingMode;

/**
 * The reporting end of {@link QuoteAggregator#quoteAll}: prints each result as it arrives, a
 * quote's price also in a second currency.
 */
public final class Reporter {

    private Reporter() {}

    /**
     * Takes each result from {@code results}, until the queue is closed and drained, and prints it
     * to {@code out} as a line ({@link #line}), flushed at once. Run it in a task of its own beside
     * {@code quoteAll}, and close the queue once {@code quoteAll} returned. A cancellation point.
     *
     * @throws IOException if writing failed; {@code results} is left open (close it, so that
     *         {@code quoteAll} fails rather than waits for room)
     */
    public static void report(Queue<QuoteResult> results, FxClient.Rate rate, Writer out) throws IOException {
        results.forEach(result -> {
            out.print(line(result, rate) + "\n");
            out.flush();
        });
    }

    /**
     * One result as a line: {@code ACME 123.45 USD = 113.57 EUR}, {@code INITECH timed out after
     * 2000 ms} or {@code NOPE failed: } and the first replica's failure.
     */
    public static String line(QuoteResult result, FxClient.Rate rate) {
        return switch (result) {
            case Quote quote -> quote.symbol() + " " + quote.price() + " USD = "
                    + quote.price().multiply(rate.rate()).setScale(2, RoundingMode.HALF_EVEN) + " " + rate.currency();
            case QuoteResult.TimedOut slow -> slow.symbol() + " timed out after " + slow.timeout().toMillis() + " ms";
            case QuoteResult.Failed failed -> failed.symbol() + " failed: " + failed.failure().getMessage();
        };
    }
}
