/**
 * Real programs on zsync's public API, one package each: {@link io.zsync.examples.redis}, a Redis
 * client (RESP2 and RESP3, pipelining, a connection pool, pub/sub).
 */
module io.zsync.examples {
    requires transitive io.zsync;      // its types (Io, Reader, Writer) are in this module's API

    exports io.zsync.examples.redis;
}
