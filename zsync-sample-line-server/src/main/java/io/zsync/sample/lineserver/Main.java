package io.zsync.sample.lineserver;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.net.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Runs a {@link LineServer} on loopback and {@link LineClient#fanOut} against it, in one
 * {@link Io}: {@code java -m io.zsync.sample.lineserver/io.zsync.sample.lineserver.Main [backend]
 * [clients]} ({@code virtual} and 100 by default). The server needs a backend with concurrency:
 * {@code threaded}, {@code virtual} or {@code evented}.
 */
public final class Main {

    private Main() {}

    /** Runs the sample; the arguments are the backend's name and the number of clients, both optional. */
    @SuppressWarnings("try") // the server's future is never read: the block's end cancels it
    public static void main(String[] args) throws IOException {
        String backend = args.length > 0 ? args[0] : "virtual";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (Io io = Io.open(backend);
                Listener listener = io.net().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Future<Void, IOException> server = io.concurrent(() -> LineServer.serve(io, listener))) {
            List<List<String>> answers = LineClient.fanOut(io, listener.localAddress(), clients,
                    client -> List.of("hello from client " + client, "bye"));
            System.out.println(answers.getFirst() + " ... " + answers.getLast());
            System.out.println(clients + " clients answered on " + io.name());
        }   // closed in reverse order: the server (canceled: its connections close), the listener, the Io
    }
}
