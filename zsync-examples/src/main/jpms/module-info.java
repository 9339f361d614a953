/**
 * Real programs on zsync's public API: a static file server
 * ({@link io.zsync.examples.fileserver.FileServer}, what {@code zsync serve DIR} runs).
 */
module io.zsync.examples {
    requires transitive io.zsync;
    requires transitive io.zsync.http;         // its types (HttpServer, HttpClient) are in this module's API

    exports io.zsync.examples.fileserver;
}
