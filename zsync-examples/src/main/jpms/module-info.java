/**
 * Real programs on zsync's public API: a static file server
 * ({@link io.zsync.examples.fileserver.FileServer}, what {@code zsync serve DIR} runs), and a JSON
 * microservice that calls a second service through the pooled HTTP client
 * ({@link io.zsync.examples.microservice.OrderService} over
 * {@link io.zsync.examples.microservice.PriceService}).
 */
module io.zsync.examples {
    requires transitive io.zsync;
    requires transitive io.zsync.http;         // its types (HttpServer, HttpClient) are in this module's API
    requires com.fasterxml.jackson.databind;   // the microservice's JSON

    exports io.zsync.examples.fileserver;
    exports io.zsync.examples.microservice;
    // Jackson reads and writes the microservice's records by reflection.
    opens io.zsync.examples.microservice to com.fasterxml.jackson.databind;
}
