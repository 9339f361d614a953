/**
 * zsync: I/O and concurrency as a value. See {@link io.zsync.Io}.
 */
module io.zsync {
    exports io.zsync;
    exports io.zsync.diagnostics;
    exports io.zsync.spi;
    exports io.zsync.spi.kit;
    exports io.zsync.fs;
    exports io.zsync.io;
    exports io.zsync.net;
    exports io.zsync.nio;
    exports io.zsync.spi.kit.nio;
    exports io.zsync.spi.kit.memory;

    requires transitive io.zsync.coroutine;
    requires jdk.jfr;
    requires jdk.unsupported;

    uses io.zsync.spi.IoProvider;

    provides io.zsync.spi.IoProvider with
            io.zsync.backend.blocking.BlockingProvider,
            io.zsync.backend.evented.EventedProvider,
            io.zsync.backend.threaded.ThreadedProvider,
            io.zsync.backend.virtual.VirtualProvider;
}
