/**
 * HTTP/1.1 on zsync: {@link io.zsync.http.HttpServer} with a {@link io.zsync.http.Router} and
 * {@link io.zsync.http.StaticFiles}, and {@link io.zsync.http.HttpClient}, a pooled client.
 */
module io.zsync.http {
    exports io.zsync.http;

    requires transitive io.zsync;
}
