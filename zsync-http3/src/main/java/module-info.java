/**
 * HTTP/3 over QUIC for zsync tasks: {@link io.zsync.http3.Http3Client} and
 * {@link io.zsync.http3.Http3Server}, on Netty's QUIC (quiche and BoringSSL, in the
 * {@code linux-x86_64} native jar) and HTTP/3 codecs. Why this library, and what it costs zsync's
 * model: docs/http3.md.
 */
module io.zsync.http3 {
    requires transitive io.zsync;      // Io is in this module's API
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec.classes.quic;
    requires io.netty.codec.http3;

    exports io.zsync.http3;
}
