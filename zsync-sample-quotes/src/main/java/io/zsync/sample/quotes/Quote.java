package io.zsync.sample.quotes;

import java.math.BigDecimal;

/**
 * A symbol's price, as a replica of the exchange answered it.
 *
 * @param symbol the ticker symbol, such as {@code ACME}
 * @param price  the price, in US dollars
 */
public record Quote(String symbol, BigDecimal price) implements QuoteResult {}
