package io.zsync.examples.fileserver;

import io.zsync.CancelProtection;
import io.zsync.CanceledException;
import io.zsync.Io;
import io.zsync.fs.Stat;
import io.zsync.http.Handler;
import io.zsync.http.Request;
import io.zsync.http.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The file server's handler: answers each request with {@link io.zsync.http.StaticFiles}, then
 * counts it and writes its access-log line:
 *
 * <pre>{@code
 * 127.0.0.1:40312 GET /big.bin 206 1048576 0.41ms
 * }</pre>
 *
 * <p>The client, the method and target as sent, the status, the bytes of the file the response
 * carries (0 for a {@code HEAD}, a 304 or an error, whose short text is not counted), and the
 * time to the response: the file itself is sent after the handler returns, so that time leaves
 * the sending out. Thread-safe.
 */
final class AccessLog implements Handler {

    private final Io io;
    private final Handler files;
    private final Path root;
    private final Consumer<String> log;
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    AccessLog(Io io, Handler files, Path root, Consumer<String> log) {
        this.io = io;
        this.files = files;
        this.root = root;
        this.log = log;
    }

    @Override
    @SuppressWarnings("try") // the cancel protection works by its scope alone
    public Response handle(Request request) throws Exception {
        long start = io.nanoTime();
        Response response;
        try {
            response = files.handle(request);
        } catch (CanceledException e) {
            throw e;
        } catch (Exception e) {
            record(request, 500, 0, start); // what the server answers for a handler that failed
            throw e;
        }
        long fileBytes;
        // The response holds an open file, which only the server's sending closes: nothing here may lose it.
        try (CancelProtection shield = io.protectCancel()) {
            fileBytes = fileBytes(request, response);
        } catch (IOException e) {
            fileBytes = 0; // gone since StaticFiles opened it: the send tells the client
        }
        record(request, response.status(), fileBytes, start);
        return response;
    }

    /** Requests answered so far. */
    long requests() {
        return requests.sum();
    }

    /** File bytes in the responses so far. */
    long bytes() {
        return bytes.sum();
    }

    private void record(Request request, int status, long fileBytes, long start) {
        requests.increment();
        bytes.add(fileBytes);
        double millis = (io.nanoTime() - start) / 1e6;
        log.accept(String.format(Locale.ROOT, "%s:%d %s %s %d %d %.2fms", request.remoteAddress().getHostString(),
                request.remoteAddress().getPort(), request.method(), request.target(), status, fileBytes, millis));
    }

    /**
     * The length of the file part {@code response} carries. A {@link Response} does not tell its
     * body's length, so it is read back: from {@code Content-Range} for a part, from the file the
     * path names (or its {@code index.html}) for a whole file.
     */
    private long fileBytes(Request request, Response response) throws IOException {
        if (request.method().equals("HEAD")) {
            return 0;
        }
        return switch (response.status()) {
            case 200 -> wholeFileSize(request.path());
            case 206 -> rangeLength(response.headers().first("Content-Range"));
            default -> 0;
        };
    }

    /** The size of what StaticFiles served for {@code path}, which it found under the root. */
    private long wholeFileSize(String path) throws IOException {
        Path named = root.resolve(path.substring(1));
        if (io.fs().stat(named).kind() == Stat.Kind.DIRECTORY) {
            named = named.resolve("index.html");
        }
        return io.fs().stat(named).size();
    }

    /** The length of the range {@code bytes FIRST-LAST/SIZE}. */
    private static long rangeLength(String contentRange) {
        int dash = contentRange.indexOf('-');
        int slash = contentRange.indexOf('/');
        long first = Long.parseLong(contentRange.substring("bytes ".length(), dash));
        long last = Long.parseLong(contentRange.substring(dash + 1, slash));
        return last - first + 1;
    }
}
