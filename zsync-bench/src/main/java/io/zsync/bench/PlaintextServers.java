package io.zsync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers of the HTTP bench, each answering {@code GET /plaintext} with {@code Hello, World!}
 * ({@code text/plain}, 13 bytes) on keep-alive connections, each in a process of its own: the
 * Java ones ({@value #ZSYNC_VIRTUAL}, {@value #ZSYNC_EVENTED}, {@value #NETTY_EPOLL},
 * {@value #NETTY_IO_URING}, {@value #JDK}) in a JVM started as {@code java ... PlaintextServers NAME
 * -port N} on the bench's own classpath, and the Go and hyper peers that {@code build.sh} builds.
 */
public final class PlaintextServers {

    static final String ZSYNC_VIRTUAL = "zsync-virtual";
    static final String ZSYNC_EVENTED = "zsync-evented";
    static final String NETTY_EPOLL = "netty-epoll";
    static final String NETTY_IO_URING = "netty-io_uring";
    static final String JDK = "jdk-httpserver";

    /**
     * The options of every Java server's JVM: the same collector and heap for all; Netty without
     * its leak detector, as TechEmpower runs it; the JDK server with Nagle's algorithm off, as
     * every other server has it; and no warnings about Netty's native code and {@code Unsafe}.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseParallelGC", "-Xms512m", "-Xmx512m",
            "-Dio.netty.leakDetection.level=disabled", "-Dsun.net.httpserver.nodelay=true",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    private PlaintextServers() {}

    /**
     * Every server, in the order each round runs them; a peer that is not built, or a Netty
     * transport that does not load here, unavailable with why.
     */
    static List<Contender> all(Peers peers) throws IOException {
        List<Contender> all = new ArrayList<>();
        for (String name : List.of(ZSYNC_VIRTUAL, ZSYNC_EVENTED, NETTY_EPOLL, NETTY_IO_URING)) {
            all.add(java(name));
        }
        all.addAll(peers.httpServers());
        all.add(java(JDK));
        return all;
    }

    /** The Java server called {@code name} in a JVM of its own, unless it cannot run here. */
    static Contender java(String name) {
        String unavailable = switch (name) {
            case NETTY_EPOLL -> NettyPlaintextServer.Transport.EPOLL.unavailable();
            case NETTY_IO_URING -> NettyPlaintextServer.Transport.IO_URING.unavailable();
            default -> null;
        };
        if (unavailable != null) {
            return Contender.unavailable(name, unavailable);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlaintextServers.class.getName(), name));
        return Contender.of(name, () -> new ProcessServer(command));
    }

    /**
     * The Java server called {@code name}, in this JVM, to listen on {@code port} (0: any free port).
     *
     * @throws IllegalArgumentException if there is no Java server of that name
     */
    static LoopbackServer inProcess(String name, int port) {
        return switch (name) {
            case NETTY_EPOLL -> new NettyPlaintextServer(NettyPlaintextServer.Transport.EPOLL, port);
            case NETTY_IO_URING -> new NettyPlaintextServer(NettyPlaintextServer.Transport.IO_URING, port);
            case JDK -> new JdkPlaintextServer(port);
            case ZSYNC_VIRTUAL -> new ZsyncPlaintextServer("virtual", port);
            case ZSYNC_EVENTED -> new ZsyncPlaintextServer("evented", port);
            default -> throw new IllegalArgumentException("no Java plaintext server is called '" + name + "'");
        };
    }

    /**
     * Runs the Java server called {@code args[0]} on {@code 127.0.0.1}, port {@code args[2]}
     * ({@code NAME -port N}), until the process is killed, which closes its sockets.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[1].equals("-port") || !args[2].matches("[0-9]{1,5}")) {
            System.err.println("usage: PlaintextServers NAME -port N, NAME one of " + ZSYNC_VIRTUAL + ", "
                    + ZSYNC_EVENTED + ", " + NETTY_EPOLL + ", " + NETTY_IO_URING + ", " + JDK);
            System.exit(2);
        }
        inProcess(args[0], Integer.parseInt(args[2])).start();
        // Serves on the server's own threads until the process is killed.
        Thread.currentThread().join();
    }
}
