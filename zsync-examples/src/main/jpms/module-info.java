/**
 * Real programs on zsync's public API, one package each: {@link io.zsync.examples.redis}, a Redis
 * client (RESP2 and RESP3, pipelining, a connection pool, pub/sub);
 * {@link io.zsync.examples.fileserver}, a static file server (what {@code zsync serve DIR} runs);
 * {@link io.zsync.examples.microservice}, a JSON order service that asks a price service through
 * the pooled HTTP client.
 */
module io.zsync.examples {
    requires transitive io.zsync;              // its types (Io, Reader, Writer) are in this module's API
    requires transitive io.zsync.http;         // and zsync-http's (HttpServer, HttpClient)
    requires com.fasterxml.jackson.databind;   // the microservice's JSON

    exports io.zsync.examples.redis;
    exports io.zsync.examples.fileserver;
    exports io.zsync.examples.microservice;
    // Jackson reads and writes the microservice's records by reflection.
    opens io.zsync.examples.microservice to com.fasterxml.jackson.databind;
}
