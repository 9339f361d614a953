package io.zsync.http;

import io.zsync.Io;
import io.zsync.fs.File;
import io.zsync.fs.Stat;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Handler} that serves the files under a directory, sent with
 * {@link io.zsync.io.Writer#sendFile} (zero copy where the I/O driver can):
 *
 * <pre>{@code
 * Router.create().get("/static/*", StaticFiles.of(io, Path.of("public")));   // /static/a.css is public/a.css
 * }</pre>
 *
 * <p>Mounted on a route ending in {@code *}, the rest of the path names the file; otherwise the
 * whole path does. A directory is served as its {@code index.html}. It answers {@code GET} and
 * {@code HEAD}: {@code Content-Type} by extension, {@code ETag} and {@code Last-Modified},
 * {@code If-None-Match} with 304, a single {@code Range} with 206 (416 when it is outside the file;
 * several ranges get the whole file). A path with a {@code .} or {@code ..} segment, encoded or
 * not, or one that leads out of the directory through a symbolic link, is refused with 403; one
 * that names nothing, 404.
 *
 * <p>Thread-safe.
 */
public final class StaticFiles implements Handler {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("wasm", "application/wasm"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("woff2", "font/woff2"),
            Map.entry("mp4", "video/mp4"), Map.entry("mp3", "audio/mpeg"));
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final Io io;
    private final Path root;

    private StaticFiles(Io io, Path root) {
        this.io = io;
        this.root = root;
    }

    /**
     * Serves the files under {@code root}.
     *
     * @throws IOException if {@code root} is not a directory (or cannot be resolved)
     */
    public static StaticFiles of(Io io, Path root) throws IOException {
        Objects.requireNonNull(io, "io is null; pass the Io whose file system serves the files");
        Objects.requireNonNull(root, "root is null; pass the directory to serve");
        Path real = io.blocking(() -> root.toRealPath());
        if (io.fs().stat(real).kind() != Stat.Kind.DIRECTORY) {
            throw new IOException(root + " is not a directory; pass the directory whose files to serve");
        }
        return new StaticFiles(io, real);
    }

    @Override
    public Response handle(Request request) throws IOException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Response.text(405, "405 Method Not Allowed: files are read with GET and HEAD\n").header("Allow", "GET, HEAD");
        }
        String rest = request.pathParamOrNull("*");
        String name = rest != null ? rest : request.path();
        Path candidate = root;
        for (String segment : name.split("/")) {
            if (segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0) {
                return forbidden(request);
            }
            if (!segment.isEmpty()) {
                candidate = candidate.resolve(segment);
            }
        }
        Path file;
        try {
            Path named = candidate;
            file = io.blocking(() -> named.toRealPath());
            if (io.fs().stat(file).kind() == Stat.Kind.DIRECTORY) {
                Path index = file.resolve("index.html");
                file = io.blocking(() -> index.toRealPath());
            }
        } catch (NoSuchFileException e) {
            return notFound(request);
        }
        if (!file.startsWith(root)) {
            return forbidden(request);
        }
        Stat stat = io.fs().stat(file);
        if (stat.kind() != Stat.Kind.FILE) {
            return notFound(request);
        }
        return serve(request, file, stat);
    }

    private Response serve(Request request, Path path, Stat stat) throws IOException {
        long size = stat.size();
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(stat.lastModified().toEpochMilli()) + "\"";
        String lastModified = HttpSyntax.date(stat.lastModified());
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return Response.of(304).header("ETag", etag).header("Last-Modified", lastModified);
        }
        long start = 0;
        long length = size;
        int status = 200;
        String range = request.header("Range");
        String ifRange = request.header("If-Range");
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            long[] span = ByteRange.parse(range, size);
            if (span == ByteRange.UNSATISFIABLE) {
                return Response.text(416, "416 Range Not Satisfiable: the file has " + size + " bytes\n")
                        .header("Content-Range", "bytes */" + size);
            }
            if (span != ByteRange.WHOLE) {
                start = span[0];
                length = span[1] - span[0] + 1;
                status = 206;
            }
        }
        Response response = Response.of(status).contentType(type(path))
                .header("ETag", etag).header("Last-Modified", lastModified).header("Accept-Ranges", "bytes");
        if (status == 206) {
            response.header("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + size);
        }
        if (request.method().equals("HEAD")) {
            return response.body(length, out -> { });
        }
        File file = io.fs().open(path);
        return response.file(file, start, length);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String type(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? DEFAULT_TYPE : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT_TYPE);
    }

    private static Response forbidden(Request request) {
        return Response.text(403, "403 Forbidden: " + request.path() + " is outside the served directory\n");
    }

    private static Response notFound(Request request) {
        return Response.text(404, "404 Not Found: " + request.path() + "\n");
    }

    @Override
    public String toString() {
        return "StaticFiles[" + root + "]";
    }
}
