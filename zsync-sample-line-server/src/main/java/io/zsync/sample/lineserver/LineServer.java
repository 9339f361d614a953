package io.zsync.sample.lineserver;

import io.zsync.Group;
import io.zsync.Io;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A server that answers every line a client sends (UTF-8, ended by {@code '\n'} or
 * {@code "\r\n"}) with the same line upper-cased, ended by {@code '\n'}, until the client closes
 * its side.
 */
public final class LineServer {

    /** The longest line served, in bytes; a client that sends a longer one is dropped. */
    public static final int MAX_LINE = 8192;

    private LineServer() {}

    /**
     * Accepts connections on {@code listener} and answers each in a task of its own (or inline,
     * holding up the next accept, when the backend has no thread free), until the calling task is
     * canceled: then every connection is closed, and this throws {@link io.zsync.CanceledException}.
     * A client's I/O error ends that client only. Run it with {@link Io#concurrent}, so that it
     * serves while its caller goes on; the listener stays the caller's to close.
     *
     * @throws IOException if accepting fails
     */
    public static void serve(Io io, Listener listener) throws IOException {
        try (Group<RuntimeException> connections = io.group()) {
            while (true) {
                Connection connection = listener.accept();     // a cancellation point
                connections.async(() -> answer(connection));
            }
        }                                                      // cancels the connections left, and waits for them
    }

    private static void answer(Connection connection) {
        try (connection) {
            // A line of at most MAX_LINE bytes: this bounds what a client can make the server hold.
            Reader in = connection.reader();
            Writer out = connection.writer();
            for (String line; (line = in.readLine(StandardCharsets.UTF_8, MAX_LINE)) != null; ) {
                out.print(line.toUpperCase(Locale.ROOT));
                out.writeByte('\n');
                out.flush();
            }
        } catch (IOException gone) {
            // This client's trouble (it reset, or sent a line over MAX_LINE), not the server's.
        }
    }
}
