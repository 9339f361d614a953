package io.zsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The receiving end of a transfer: a plain JDK server socket on loopback that accepts one
 * connection on a platform thread of its own and reads it to the end, counting the bytes.
 */
final class LoopbackSink implements AutoCloseable {

    private static final int READ_BUFFER_BYTES = 1 << 20;

    private final ServerSocket server;
    private final Thread reader;
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    private LoopbackSink(ServerSocket server) {
        this.server = server;
        this.reader = Thread.ofPlatform().daemon().name("bench-sink").start(this::readOne);
    }

    static LoopbackSink open() throws IOException {
        return new LoopbackSink(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void readOne() {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[READ_BUFFER_BYTES];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.addAndGet(n);
            }
        } catch (IOException e) {
            failure.set(e);
        }
    }

    /** Waits until the sender closed its end, and returns how many bytes arrived. */
    long awaitEnd() throws IOException {
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the receiver", e);
        }
        IOException e = failure.get();
        if (e != null) {
            throw new IOException("the receiving end failed: " + e.getMessage(), e);
        }
        return received.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
