package io.zsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code echo-jdk-virtual} baseline: what every Java user can write without zsync. A
 * {@link ServerSocket} on {@code 127.0.0.1}, accepting on a virtual thread, and one virtual thread
 * per connection that reads into a 4 KiB buffer and writes back what it read, with blocking
 * {@code java.net} calls.
 */
public final class JdkEchoServer implements EchoServer {

    /** Above the bench's 64 connections, which all connect at once: none waits for a SYN retry. */
    private static final int BACKLOG = 1024;

    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Thread acceptor;

    /** A server, not started. */
    public JdkEchoServer() {}

    @Override
    public int start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("this echo server was started already");
        }
        listener = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("jdk-echo-accept").start(this::accept);
        return listener.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket connection = listener.accept();
                connections.add(connection);
                // close() may have gone over the connections before this one was added: close it here.
                if (listener.isClosed()) {
                    connection.close();
                    return;
                }
                Thread.ofVirtual().name("jdk-echo").start(() -> echo(connection));
            }
        } catch (IOException closed) {
            // accept() fails once close() has closed the listener: the server is stopping.
        }
    }

    private void echo(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            // Go's sockets have Nagle's algorithm off; so must these, for the same small writes.
            connection.setTcpNoDelay(true);
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException gone) {
            // The client reset the connection, or close() closed it: either way this connection is done.
        } finally {
            connections.remove(connection);
        }
    }

    /** Closes the listener and every open connection, and waits for the accepting thread to end. */
    @Override
    public void close() throws IOException {
        if (listener == null) {
            return;
        }
        listener.close();
        for (Socket connection : connections) {
            connection.close();
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
