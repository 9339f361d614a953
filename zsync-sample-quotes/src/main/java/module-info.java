/**
 * A sample program against zsync's public API: a quote aggregator
 * ({@link io.zsync.sample.quotes.QuoteAggregator}) over the replicas of a loopback exchange
 * ({@link io.zsync.sample.quotes.Exchange}, {@link io.zsync.sample.quotes.Market}), some slow and
 * one failing; a {@link io.zsync.sample.quotes.Reporter} that prints results as they come, at a rate
 * asked of an FX service over HTTP ({@link io.zsync.sample.quotes.FxClient},
 * {@link io.zsync.sample.quotes.FxRateServer}); and {@link io.zsync.sample.quotes.Main}.
 */
module io.zsync.sample.quotes {
    requires transitive io.zsync;      // its types (Io, Queue, Writer) are in this module's API
    requires java.net.http;            // the FX client: the JDK HttpClient, on io.executor()
    requires jdk.httpserver;           // the FX service: the JDK HttpServer

    exports io.zsync.sample.quotes;
}
