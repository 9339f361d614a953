package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zsync.Io;
import io.zsync.fs.File;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The buffered readers and writers of files and sockets used inside a task, where a backend that
 * suspends tasks (evented) suspends them in every file call: each path from the task to the file's
 * channel must be one the weaver rewrote, including those through the JDK's channel interfaces.
 */
final class WovenIoCases {

    /** Larger than the buffers below, so that reads and writes reach the file many times. */
    private static final int FILE_BYTES = 64 * 1024 + 17;

    private WovenIoCases() {}

    static List<Case> cases() {
        String area = "woven-io";
        return Case.io(List.of(
                Case.of(area, "a file's writer and reader in a task write and read back every byte", io -> {
                    Path path = Files.createTempFile("zsync-tck-woven", ".bin");
                    byte[] data = Loopback.randomBytes(4, FILE_BYTES);
                    try {
                        byte[] back = io.async(() -> {
                            try (File f = io.fs().create(path); Writer w = f.writer(16)) {
                                w.write(data);
                            }
                            try (File f = io.fs().open(path); Reader r = f.reader(16)) {
                                byte[] read = new byte[data.length];
                                r.readFully(read);
                                return read;
                            }
                        }).await();
                        assertArrayEquals(data, back);
                    } finally {
                        Files.delete(path);
                    }
                }).kernelOnly("it makes or reads its files with java.nio.file.Files on the real disk"),
                Case.of(area, "a file's reader streams into another file's writer in a task", io -> {
                    Path source = Files.createTempFile("zsync-tck-woven", ".bin");
                    Path target = Files.createTempFile("zsync-tck-woven", ".bin");
                    byte[] data = Loopback.randomBytes(5, FILE_BYTES);
                    try {
                        Files.write(source, data);
                        long copied = io.async(() -> {
                            try (File in = io.fs().open(source); Reader r = in.reader(8192);
                                    File out = io.fs().create(target); Writer w = out.writer(8192)) {
                                w.write(r.take(10));
                                return 10 + w.sendFile(r, Long.MAX_VALUE);
                            }
                        }).await();
                        assertEquals(data.length, copied);
                        assertArrayEquals(data, Files.readAllBytes(target));
                    } finally {
                        Files.delete(source);
                        Files.delete(target);
                    }
                }).kernelOnly("it makes or reads its files with java.nio.file.Files on the real disk"),
                Case.of(area, "sendFile from a file to a socket in a task sends every byte", io -> {
                    Path path = Files.createTempFile("zsync-tck-woven", ".bin");
                    byte[] data = Loopback.randomBytes(6, FILE_BYTES);
                    try {
                        Files.write(path, data);
                        Threads threads = new Threads();
                        AtomicReference<String> peerDigest = new AtomicReference<>();
                        InetSocketAddress address = Loopback.serveOnce(threads, io, InetAddress.getLoopbackAddress(),
                                Loopback.digestInto(peerDigest));
                        long sent = io.async(() -> sendFile(io, address, path)).await();
                        threads.join(io);
                        assertEquals(data.length, sent);
                        MessageDigest expected = Loopback.sha256();
                        expected.update(data);
                        assertEquals(Loopback.hex(expected), peerDigest.get());
                    } finally {
                        Files.delete(path);
                    }
                }).kernelOnly("it makes or reads its files with java.nio.file.Files on the real disk")));
    }

    private static long sendFile(Io io, InetSocketAddress address, Path path) throws IOException {
        try (Connection c = io.net().connect(address); File f = io.fs().open(path)) {
            Writer out = c.writer();
            long sent = out.sendFile(f.reader(8192), Long.MAX_VALUE);
            out.close();
            return sent;
        }
    }
}
