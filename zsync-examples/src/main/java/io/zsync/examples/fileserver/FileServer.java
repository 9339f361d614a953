package io.zsync.examples.fileserver;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.coroutine.NeverSuspends;
import io.zsync.http.HttpServer;
import io.zsync.http.StaticFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A static file server: the files under a directory over HTTP/1.1, with zsync-http's
 * {@link StaticFiles} (sent with {@code sendFile}, {@code Range}, {@code ETag} and 304, path
 * traversal refused with 403), an access-log line per request and a progress line every interval
 * while requests come. {@code zsync serve DIR} runs {@link #run}.
 *
 * <pre>{@code
 * try (Io io = Io.open("evented");
 *         FileServer server = FileServer.start(io, new InetSocketAddress(8080), Path.of("public"), System.out::println)) {
 *     server.awaitShutdown();                          // until another thread closes it
 * }
 * }</pre>
 *
 * <p>The log lines are those of {@code AccessLog} (client, method, target, status, file bytes,
 * time to the response) and {@code progress: N requests, M MiB sent (+n requests, r MiB/s)}.
 * {@link #close()} shuts down gracefully (see {@link HttpServer#close()}), then writes the
 * totals. Thread-safe; {@code log} is called from the server's tasks, one line at a time per
 * call, possibly from several at once.
 */
public final class FileServer implements AutoCloseable {

    /** How often a progress line is written while requests come. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final Io io;
    private final HttpServer server;
    private final Progress progress;
    private final Consumer<String> log;
    private final Duration interval;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Future<Void, RuntimeException> reporter;

    private FileServer(Io io, HttpServer server, Progress progress, Consumer<String> log, Duration interval) {
        this.io = io;
        this.server = server;
        this.progress = progress;
        this.log = log;
        this.interval = interval;
    }

    /** {@link #start(Io, InetSocketAddress, Path, Consumer, Duration)} with a progress line every {@link #PROGRESS_INTERVAL}. */
    public static FileServer start(Io io, InetSocketAddress address, Path root, Consumer<String> log) throws IOException {
        return start(io, address, root, log, PROGRESS_INTERVAL);
    }

    /**
     * Serves the files under {@code root} at {@code address} (port 0 for any free one); returns
     * once connections are accepted. Close it to stop.
     *
     * @param log where the access-log and progress lines go, such as {@code System.out::println}
     * @param progressInterval how often a progress line is written while requests come
     * @throws IOException if {@code root} is not a directory, or {@code address} cannot be bound
     *         (the message says which)
     * @throws io.zsync.ConcurrencyUnavailableException if {@code io} has no concurrency ({@code blocking})
     */
    public static FileServer start(Io io, InetSocketAddress address, Path root, Consumer<String> log,
            Duration progressInterval) throws IOException {
        Objects.requireNonNull(io, "io is null; pass the Io to serve on, such as Io.open(\"virtual\")");
        Objects.requireNonNull(address, "address is null; pass where to listen, such as new InetSocketAddress(8080)");
        Objects.requireNonNull(root, "root is null; pass the directory to serve");
        Objects.requireNonNull(log, "log is null; pass where log lines go, such as System.out::println");
        Objects.requireNonNull(progressInterval, "progressInterval is null; pass FileServer.PROGRESS_INTERVAL");
        StaticFiles files = StaticFiles.of(io, root);
        Path realRoot = io.blocking(() -> root.toRealPath());
        AccessLog access = new AccessLog(io, files, realRoot, log);
        HttpServer server = HttpServer.start(io, address, access);
        FileServer fileServer = new FileServer(io, server, new Progress(access), log, progressInterval);
        try {
            fileServer.reporter = io.concurrent(fileServer::reportProgress);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return fileServer;
    }

    /**
     * The program {@code zsync serve} runs: serves {@code root} at {@code address} on {@code io},
     * writing to {@code log} where it serves and then the log lines, until the JVM is asked to stop (Ctrl-C, SIGTERM): a shutdown hook
     * then closes the server gracefully, and this returns once it has. Blocks the calling thread.
     *
     * @throws IOException as {@link #start(Io, InetSocketAddress, Path, Consumer)} does
     */
    public static void run(Io io, InetSocketAddress address, Path root, Consumer<String> log) throws IOException {
        try (FileServer server = start(io, address, root, log)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAtExit(server), "zsync-serve-shutdown"));
            log.accept("serving " + root.toAbsolutePath().normalize() + " at http://"
                    + server.localAddress().getHostString() + ":" + server.port() + "/ on the " + io.name()
                    + " backend; Ctrl-C stops");
            server.awaitShutdown();
        }
    }

    /** What the shutdown hook does, on a thread of its own, which is no task. */
    @NeverSuspends
    private static void closeAtExit(FileServer server) {
        server.close();
    }

    /** The address the server listens on, with the port chosen when 0 was asked for. */
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** Waits until the server has been closed (by another task or thread). A cancellation point. */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    /**
     * Stops accepting, lets requests in flight finish within the server's grace (then cancels
     * them), stops the progress line and writes the totals. Idempotent; a second call returns at once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        try {
            reporter.cancel();
        } catch (CanceledException expected) {
            // The reporter stops where it waits for the next interval.
        }
        log.accept(progress.totals());
    }

    @Override
    public String toString() {
        return "FileServer[" + server + "]";
    }

    private void reportProgress() {
        long before = io.nanoTime();
        while (true) {
            io.sleep(interval);
            long now = io.nanoTime();
            String line = progress.sinceLast((now - before) / 1e9);
            before = now;
            if (line != null) {
                log.accept(line);
            }
        }
    }
}
