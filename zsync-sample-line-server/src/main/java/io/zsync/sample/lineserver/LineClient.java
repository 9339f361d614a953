package io.zsync.sample.lineserver;

import io.zsync.Group;
import io.zsync.Io;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/** A client of {@link LineServer}: one connection, or many at once. */
public final class LineClient {

    private LineClient() {}

    /**
     * Connects to {@code server}, sends each of {@code lines} in turn (none may hold {@code '\n'})
     * and reads its answer, then closes the connection.
     *
     * @return the server's answers, one per line, in order
     * @throws EOFException if the server closed the connection before answering every line
     */
    public static List<String> call(Io io, SocketAddress server, List<String> lines) throws IOException {
        try (Connection connection = io.net().connect(server)) {
            Reader in = connection.reader();
            Writer out = connection.writer();
            List<String> answers = new ArrayList<>(lines.size());
            for (String line : lines) {
                out.print(line);
                out.writeByte('\n');
                out.flush();
                String answer = in.readLine(StandardCharsets.UTF_8, LineServer.MAX_LINE);  // as long as a request at most
                if (answer == null) {
                    throw new EOFException("the server at " + server + " closed the connection after "
                            + answers.size() + " of " + lines.size() + " answers");
                }
                answers.add(answer);
            }
            return answers;
        }
    }

    /**
     * Makes {@code clients} {@link #call}s at once, each in a task of its own, client {@code i}
     * sending {@code linesOf.apply(i)}. On a backend without concurrency the calls run one after
     * another. The first failure cancels the other calls and is thrown.
     *
     * @return each client's answers, client {@code i}'s at index {@code i}
     */
    public static List<List<String>> fanOut(Io io, SocketAddress server, int clients,
            IntFunction<List<String>> linesOf) throws IOException {
        // Each task sets its own slot; the group's await makes what its tasks did visible here.
        List<List<String>> answers = new ArrayList<>(Collections.nCopies(clients, List.of()));
        try (Group<IOException> calls = io.group()) {
            for (int i = 0; i < clients; i++) {
                int client = i;
                calls.async(() -> answers.set(client, call(io, server, linesOf.apply(client))));
            }
            calls.await();
        }
        return answers;
    }
}
