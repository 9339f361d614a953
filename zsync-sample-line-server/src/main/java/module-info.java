/**
 * A sample program against zsync's public API: a line server that answers each line upper-cased
 * ({@link io.zsync.sample.lineserver.LineServer}), many clients at once
 * ({@link io.zsync.sample.lineserver.LineClient}), and {@link io.zsync.sample.lineserver.Main}.
 */
module io.zsync.sample.lineserver {
    requires transitive io.zsync;      // its types (Io, Listener) are in this module's API

    exports io.zsync.sample.lineserver;
}
