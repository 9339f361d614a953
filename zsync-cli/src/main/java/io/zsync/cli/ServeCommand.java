package io.zsync.cli;

import io.zsync.Io;
import io.zsync.examples.fileserver.FileServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zsync serve DIR}: runs the file server of zsync-examples ({@link FileServer#run}) until
 * Ctrl-C; its access log and progress on stdout. Argument errors exit 2 saying what to pass; a
 * server that cannot start (the port taken) exits 1 with the reason.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serves the files under DIR over HTTP/1.1 (sent with sendFile, Range requests, ETag and 304,"
                + " a directory's index.html, paths out of DIR refused with 403), with an access-log line per request"
                + " and a progress line every second while requests come. Ctrl-C stops it gracefully.")
final class ServeCommand implements Callable<Integer> {

    private static final List<String> SERVING_BACKENDS = List.of("virtual", "threaded", "evented");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The directory to serve.")
    private Path dir;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8080",
            description = "The port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "The address to listen on, 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "virtual",
            description = "The zsync backend: virtual, threaded or evented (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Override
    public Integer call() throws IOException {
        InetSocketAddress address = checkedAddress();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (Io io = Io.open(backend)) {
            FileServer.run(io, address, dir, out::println);
        } catch (IOException e) {
            err.println("zsync serve: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private InetSocketAddress checkedAddress() {
        if (!Files.exists(dir)) {
            throw usage("DIR " + dir + " does not exist; pass the directory whose files to serve");
        }
        if (!Files.isDirectory(dir)) {
            throw usage("DIR " + dir + " is not a directory; pass the directory whose files to serve"
                    + " (a file in it is served at /its/path)");
        }
        if (port < 0 || port > 65_535) {
            throw usage("--port " + port + " is not a port; pass 1 to 65535, or 0 for any free port");
        }
        if (!SERVING_BACKENDS.contains(backend)) {
            throw usage("--backend " + backend + " cannot serve: pass one of " + String.join(", ", SERVING_BACKENDS)
                    + (backend.equals("blocking") ? " (blocking runs one task at a time, so it cannot serve"
                            + " connections at once)" : ""));
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw usage("--host " + host + " is not an address of this machine's; pass 127.0.0.1 (the default),"
                    + " 0.0.0.0 for every interface, or an address of one");
        }
        return address;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
