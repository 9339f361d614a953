package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.coroutine.Suspendable;
import io.zsync.fs.File;
import io.zsync.fs.Fs;
import io.zsync.fs.Stat;
import io.zsync.io.CountingWriter;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Files and directories through {@code io.fs()}: bytes, positions, directories, clear errors,
 * cancellation that changes nothing, no descriptor left open. Each case gets a fresh temporary
 * directory, deleted afterwards.
 */
final class FsCases {

    private FsCases() {}

    static List<Case> cases() {
        String area = "fs";
        return Case.io(List.of(
                inDirectory(area, "create, write, then read gives back the bytes", (io, fs, dir) -> {
                    Path path = dir.resolve("a.txt");
                    try (File file = fs.create(path)) {
                        file.writeAll(bytes("hello, "));
                        assertEquals(6, file.write(bytes("world!")));
                    }
                    try (File file = fs.open(path)) {
                        assertEquals("hello, world!", readToEnd(file));
                        assertEquals(-1, file.read(ByteBuffer.allocate(1)));
                    }
                }),
                inDirectory(area, "create truncates an existing file, but refuses to append or, with CREATE_NEW, to replace one", (io, fs, dir) -> {
                    Path path = dir.resolve("a.txt");
                    Files.writeString(path, "a long old content");
                    try (File file = fs.create(path, READ)) {
                        assertEquals(0, file.size());
                        file.writeAll(bytes("new"));
                        file.position(0);
                        assertEquals("new", readToEnd(file));
                    }
                    assertThrows(FileAlreadyExistsException.class, () -> fs.create(path, CREATE_NEW));
                    var append = assertThrows(IllegalArgumentException.class, () -> fs.create(path, APPEND));
                    assertTrue(append.getMessage().endsWith("to append, use open(path, CREATE, APPEND)"), append.getMessage());
                    assertEquals("new", Files.readString(path));
                }).kernelOnly("it makes or reads its files with java.nio.file.Files on the real disk"),
                inDirectory(area, "positional reads and writes leave the position alone", (io, fs, dir) -> {
                    try (File file = fs.create(dir.resolve("a.bin"), READ)) {
                        file.writeAll(bytes("0123456789"));
                        assertEquals(3, file.write(bytes("abc"), 20));
                        assertEquals(10, file.position());
                        assertEquals(23, file.size());

                        ByteBuffer three = ByteBuffer.allocate(3);
                        assertEquals(3, file.read(three, 20));
                        assertEquals("abc", string(three));
                        assertEquals(-1, file.read(ByteBuffer.allocate(1), 23));
                        assertEquals(10, file.position());

                        file.position(4);
                        ByteBuffer two = ByteBuffer.allocate(2);
                        assertEquals(2, file.read(two));
                        assertEquals("45", string(two));
                        assertEquals(6, file.position());
                    }
                }),
                inDirectory(area, "positional writes from several tasks at once each land where aimed", (io, fs, dir) -> {
                    int parts = 8;
                    int partSize = 4096;
                    try (File file = fs.create(dir.resolve("parts.bin"), READ)) {
                        try (Group<IOException> group = io.group()) {
                            for (int i = 0; i < parts; i++) {
                                int part = i;
                                group.async(() -> {
                                    ByteBuffer block = ByteBuffer.wrap(new byte[partSize]);
                                    Arrays.fill(block.array(), (byte) part);
                                    file.write(block, (long) part * partSize);
                                });
                            }
                            group.await();
                        }
                        assertEquals((long) parts * partSize, file.size());
                        for (int part = 0; part < parts; part++) {
                            ByteBuffer block = ByteBuffer.allocate(partSize);
                            assertEquals(partSize, file.read(block, (long) part * partSize));
                            for (byte b : block.array()) {
                                assertEquals(part, b);
                            }
                        }
                    }
                }),
                inDirectory(area, "size, truncate, sync and stat describe the open file", (io, fs, dir) -> {
                    Path path = dir.resolve("a.bin");
                    try (File file = fs.create(path)) {
                        file.writeAll(ByteBuffer.allocate(100));
                        assertEquals(100, file.size());
                        file.truncate(40);
                        assertEquals(40, file.size());
                        assertEquals(40, file.position(), "the position moves back to the new end");
                        file.truncate(1000);
                        assertEquals(40, file.size(), "truncate never grows a file");
                        file.sync();

                        Stat stat = file.stat();
                        assertEquals(Stat.Kind.FILE, stat.kind());
                        assertEquals(40, stat.size());
                        assertEquals(Files.getLastModifiedTime(path).toInstant(), stat.lastModified());
                    }
                }).kernelOnly("it makes or reads its files with java.nio.file.Files on the real disk"),
                inDirectory(area, "close is idempotent and a closed file says which file it was", (io, fs, dir) -> {
                    Path path = dir.resolve("a.txt");
                    File file = fs.create(path);
                    file.close();
                    file.close();
                    var e = assertThrows(ClosedChannelException.class, () -> file.write(bytes("late")));
                    assertEquals("cannot write " + path + ": the file is closed", e.getMessage());
                    assertThrows(ClosedChannelException.class, file::size);
                }),
                inDirectory(area, "a file streams from its position through its reader into another file's writer", (io, fs, dir) -> {
                    StringBuilder lines = new StringBuilder();
                    for (int i = 0; i < 1000; i++) {
                        lines.append("line ").append(i).append('\n');
                    }
                    String text = lines.toString();
                    Path source = dir.resolve("source");
                    Path copy = dir.resolve("copy");
                    try (File file = fs.create(source); Writer writer = file.writer(16)) {
                        for (String line : text.split("(?<=\n)")) {
                            writer.print(line);
                        }
                    }
                    try (File in = fs.open(source); File out = fs.create(copy)) {
                        in.position("line 0\n".length());
                        try (Reader reader = in.reader(64); Writer writer = out.writer(64)) {
                            assertEquals("line 1", UTF_8.decode(reader.take(6)).toString());
                            assertEquals(text.length() - 13, reader.stream(writer, Long.MAX_VALUE));
                        }
                        assertEquals(7, in.position(), "the reader leaves the file's position alone");
                    }
                    assertEquals(text.substring(13), Files.readString(copy));
                }).kernelOnly("it makes or reads its files with java.nio.file.Files on the real disk"),
                inDirectory(area, "a file opened to APPEND writes at its end wherever its position is, which is its size", (io, fs, dir) -> {
                    Path path = dir.resolve("log");
                    try (File log = fs.create(path)) {
                        log.writeAll(bytes("one\n"));
                    }
                    try (File log = fs.open(path, WRITE, APPEND)) {
                        assertEquals(4, log.position());
                        log.position(0);
                        log.writeAll(bytes("two\n"));
                        assertEquals(8, log.position());
                        try (Writer writer = log.writer(64)) {
                            writer.print("three\n");
                        }
                        assertEquals(14, log.size());
                    }
                    try (File log = fs.open(path)) {
                        assertEquals("one\ntwo\nthree\n", readToEnd(log));
                    }
                }),
                inDirectory(area, "relative writes and reads from several tasks at once keep the file and its position consistent", true, (io, fs, dir) -> {
                    int parts = 8;
                    int partSize = 4096;
                    try (File file = fs.create(dir.resolve("shared.bin"), READ)) {
                        try (Group<IOException> group = io.group()) {
                            for (int i = 0; i < parts; i++) {
                                int part = i;
                                group.async(() -> {
                                    ByteBuffer block = ByteBuffer.wrap(new byte[partSize]);
                                    Arrays.fill(block.array(), (byte) part);
                                    file.writeAll(block);
                                });
                            }
                            group.await();
                        }
                        assertEquals((long) parts * partSize, file.position());
                        assertEquals((long) parts * partSize, file.size());
                        Set<Byte> written = new HashSet<>();
                        for (int at = 0; at < parts; at++) {
                            written.add(uniformByte(readAt(file, (long) at * partSize, partSize)));
                        }
                        assertEquals(parts, written.size(), "each block landed whole, none over another");

                        file.position(0);
                        Set<Byte> read = ConcurrentHashMap.newKeySet();
                        try (Group<IOException> group = io.group()) {
                            for (int i = 0; i < parts; i++) {
                                group.async(() -> {
                                    ByteBuffer block = ByteBuffer.allocate(partSize);
                                    assertEquals(partSize, file.read(block));
                                    read.add(uniformByte(block));
                                });
                            }
                            group.await();
                        }
                        assertEquals(written, read, "each read took a block of its own");
                        assertEquals((long) parts * partSize, file.position());
                    }
                }),
                inDirectory(area, "a file's reader goes to a connection through a counting writer without copying", (io, fs, dir) -> {
                    byte[] data = Loopback.randomBytes(11, 300_000);
                    Path path = Files.write(dir.resolve("f"), data);
                    Threads threads = new Threads();
                    AtomicReference<String> peerDigest = new AtomicReference<>();
                    InetSocketAddress address = Loopback.serveOnce(threads, io, InetAddress.getLoopbackAddress(),
                            Loopback.digestInto(peerDigest));
                    try (Connection c = io.net().connect(address); File file = fs.open(path)) {
                        Reader reader = file.reader(4096);
                        CountingWriter counted = Writer.counting(c.writer());
                        counted.write(reader.take(10));
                        assertEquals(data.length - 10, counted.sendFile(reader, Long.MAX_VALUE));
                        assertEquals(0, counted.sendFileFallbacks(), "the file was copied through the heap");
                        assertEquals(data.length, counted.count());
                    }
                    threads.join(io);
                    MessageDigest expected = Loopback.sha256();
                    expected.update(data);
                    assertEquals(Loopback.hex(expected), peerDigest.get());
                }).kernelOnly("zero-copy is the NIO driver's sendfile, and the file is made with java.nio.file.Files"),
                inDirectory(area, "createDirectories refuses a file in the way", (io, fs, dir) -> {
                    Path file = dir.resolve("f");
                    fs.create(file).close();
                    assertThrows(FileAlreadyExistsException.class, () -> fs.createDirectories(file));
                    assertThrows(FileSystemException.class, () -> fs.createDirectories(file.resolve("x").resolve("y")));
                    assertEquals(List.of(file), fs.list(dir));
                }),
                inDirectory(area, "list gives the entries sorted by name", (io, fs, dir) -> {
                    fs.create(dir.resolve("b")).close();
                    fs.createDirectory(dir.resolve("c"));
                    fs.create(dir.resolve("a")).close();
                    fs.create(dir.resolve("c").resolve("below")).close();
                    assertEquals(List.of(dir.resolve("a"), dir.resolve("b"), dir.resolve("c")), fs.list(dir));
                    fs.delete(dir.resolve("c").resolve("below"));
                    assertEquals(List.of(), fs.list(dir.resolve("c")));
                }),
                inDirectory(area, "createDirectory needs the parent and createDirectories makes it", (io, fs, dir) -> {
                    Path deep = dir.resolve("x").resolve("y");
                    assertThrows(NoSuchFileException.class, () -> fs.createDirectory(deep));
                    fs.createDirectories(deep);
                    fs.createDirectories(deep);
                    assertEquals(Stat.Kind.DIRECTORY, fs.stat(deep).kind());
                    assertThrows(FileAlreadyExistsException.class, () -> fs.createDirectory(deep));
                }),
                inDirectory(area, "rename moves a file and replaces the target", (io, fs, dir) -> {
                    Path from = dir.resolve("new");
                    Path to = dir.resolve("old");
                    Files.writeString(from, "new");
                    Files.writeString(to, "old");
                    fs.rename(from, to);
                    assertFalse(fs.exists(from));
                    assertEquals("new", Files.readString(to));
                    var e = assertThrows(NoSuchFileException.class, () -> fs.rename(from, to));
                    assertEquals(from.toString(), e.getFile());
                }).kernelOnly("it makes or reads its files with java.nio.file.Files on the real disk"),
                inDirectory(area, "rename to another file system says what to do", (io, fs, dir) -> {
                    Path shm = Path.of("/dev/shm");
                    assumeTrue(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(dir)),
                            "needs a second file system at /dev/shm");
                    Path from = dir.resolve("a.txt");
                    Files.writeString(from, "stays");
                    Path to = shm.resolve("zsync-fs-test-" + ProcessHandle.current().pid());
                    var e = assertThrows(AtomicMoveNotSupportedException.class, () -> fs.rename(from, to));
                    assertTrue(e.getMessage().contains("copy to a new file beside the target"), e.getMessage());
                    assertEquals("stays", Files.readString(from));
                    assertFalse(Files.exists(to));
                }).kernelOnly("it needs a second file system of the kernel's, /dev/shm"),
                inDirectory(area, "delete removes files and empty directories only", (io, fs, dir) -> {
                    Path sub = dir.resolve("sub");
                    fs.createDirectory(sub);
                    fs.create(sub.resolve("f")).close();
                    assertThrows(DirectoryNotEmptyException.class, () -> fs.delete(sub));
                    fs.delete(sub.resolve("f"));
                    fs.delete(sub);
                    assertFalse(fs.exists(sub));
                    assertThrows(NoSuchFileException.class, () -> fs.delete(sub));
                    assertFalse(fs.deleteIfExists(sub));
                }),
                inDirectory(area, "deleteRecursively removes a tree but not what its links point to", (io, fs, dir) -> {
                    Path outside = dir.resolve("outside");
                    fs.createDirectory(outside);
                    fs.create(outside.resolve("kept")).close();
                    Path tree = dir.resolve("tree");
                    fs.createDirectories(tree.resolve("a").resolve("b"));
                    fs.create(tree.resolve("a").resolve("b").resolve("f")).close();
                    fs.create(tree.resolve("g")).close();
                    symlinkOrSkip(tree.resolve("a").resolve("link"), outside);

                    fs.deleteRecursively(tree);
                    assertFalse(fs.exists(tree));
                    assertTrue(fs.exists(outside.resolve("kept")));
                    assertThrows(NoSuchFileException.class, () -> fs.deleteRecursively(tree));

                    Path linkToOutside = dir.resolve("link");
                    symlinkOrSkip(linkToOutside, outside);
                    fs.deleteRecursively(linkToOutside);
                    assertEquals(List.of(outside.resolve("kept")), fs.list(outside));
                }).kernelOnly("it makes symbolic links with java.nio.file.Files"),
                inDirectory(area, "stat and exists follow links unless told not to", (io, fs, dir) -> {
                    Path file = dir.resolve("f");
                    Files.writeString(file, "12345");
                    Path link = dir.resolve("link");
                    symlinkOrSkip(link, file);
                    assertEquals(Stat.Kind.FILE, fs.stat(link).kind());
                    assertEquals(5, fs.stat(link).size());
                    assertEquals(Stat.Kind.SYMLINK, fs.stat(link, NOFOLLOW_LINKS).kind());
                    assertEquals(Stat.Kind.DIRECTORY, fs.stat(dir).kind());

                    fs.delete(file);
                    assertFalse(fs.exists(link), "a link to nothing does not exist");
                    assertEquals(Stat.Kind.SYMLINK, fs.stat(link, NOFOLLOW_LINKS).kind());
                    assertThrows(NoSuchFileException.class, () -> fs.stat(link));
                }).kernelOnly("it makes symbolic links with java.nio.file.Files"),
                inDirectory(area, "temp files and directories are new and empty", (io, fs, dir) -> {
                    Path file = fs.createTempFile("zsync-", ".bin");
                    Path directory = fs.createTempDirectory("zsync-");
                    try {
                        assertTrue(file.getFileName().toString().startsWith("zsync-"));
                        assertTrue(file.getFileName().toString().endsWith(".bin"));
                        assertEquals(new Stat(Stat.Kind.FILE, 0, fs.stat(file).lastModified()), fs.stat(file));
                        assertEquals(Stat.Kind.DIRECTORY, fs.stat(directory).kind());
                        assertEquals(List.of(), fs.list(directory));
                    } finally {
                        fs.delete(file);
                        fs.deleteRecursively(directory);
                    }
                }),
                inDirectory(area, "opening a missing file throws NoSuchFileException naming it", (io, fs, dir) -> {
                    Path missing = dir.resolve("missing.txt");
                    var e = assertThrows(NoSuchFileException.class, () -> fs.open(missing));
                    assertEquals(missing.toString(), e.getFile());
                    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
                    assertThrows(NoSuchFileException.class, () -> fs.create(dir.resolve("no-dir").resolve("f")));
                }),
                inDirectory(area, "negative positions and sizes are refused saying what to pass", (io, fs, dir) -> {
                    try (File file = fs.create(dir.resolve("a"), READ)) {
                        var read = assertThrows(IllegalArgumentException.class, () -> file.read(ByteBuffer.allocate(1), -1));
                        assertEquals("position is -1; a file position counts bytes from the start of the file, 0 or more",
                                read.getMessage());
                        assertThrows(IllegalArgumentException.class, () -> file.write(bytes("x"), -2));
                        assertThrows(IllegalArgumentException.class, () -> file.position(-3));
                        var truncate = assertThrows(IllegalArgumentException.class, () -> file.truncate(-4));
                        assertTrue(truncate.getMessage().startsWith("size is -4; pass the length"), truncate.getMessage());
                        assertEquals(0, file.size(), "refused calls do nothing");
                    }
                }),
                inDirectory(area, "null arguments are refused naming the parameter", (io, fs, dir) -> {
                    var open = assertThrows(NullPointerException.class, () -> fs.open(null));
                    assertEquals("path is null; pass the Path of the file or directory to use", open.getMessage());
                    var rename = assertThrows(NullPointerException.class, () -> fs.rename(dir, null));
                    assertTrue(rename.getMessage().startsWith("to is null"), rename.getMessage());
                    try (File file = fs.create(dir.resolve("a"))) {
                        var read = assertThrows(NullPointerException.class, () -> file.read(null));
                        assertEquals("dst is null; pass a ByteBuffer", read.getMessage());
                    }
                }),
                inDirectory(area, "a bare IOException is wrapped to name the file and the attempt", (io, fs, dir) -> {
                    File directory;
                    try {
                        directory = fs.open(dir);
                    } catch (IOException platformRefusesToOpenADirectory) {
                        assumeTrue(false, "this platform does not open a directory as a file");
                        return;
                    }
                    try (directory) {
                        var e = assertThrows(IOException.class, () -> directory.read(ByteBuffer.allocate(1)));
                        assertTrue(e.getMessage().startsWith("cannot read " + dir + ": "), e.getMessage());
                    }
                }),
                inDirectory(area, "listing a missing directory or a file says which", (io, fs, dir) -> {
                    Path file = dir.resolve("f");
                    fs.create(file).close();
                    assertEquals(file.toString(), assertThrows(NotDirectoryException.class, () -> fs.list(file)).getFile());
                    Path missing = dir.resolve("missing");
                    assertEquals(missing.toString(), assertThrows(NoSuchFileException.class, () -> fs.list(missing)).getFile());
                }),
                inDirectory(area, "a canceled task gets CanceledException at each fs call and its file stays usable", true, (io, fs, dir) -> {
                    Path path = dir.resolve("f");
                    Path sub = dir.resolve("sub");
                    fs.createDirectory(sub);
                    try (File file = fs.create(path, READ)) {
                        file.writeAll(bytes("hello"));
                        file.position(0);
                        Map<String, FsCall> calls = everyCall(fs, file, path, sub);
                        Future<List<String>, Exception> task = io.concurrent(() -> {
                            try {
                                io.event().await(); // never set: this wait ends when the test cancels the task
                            } catch (CanceledException requested) {
                                // the request has arrived; each call below gets it again through recancel()
                            }
                            List<String> notCanceled = new ArrayList<>();
                            for (var call : calls.entrySet()) {
                                io.recancel();
                                try {
                                    call.getValue().run();
                                    notCanceled.add(call.getKey());
                                } catch (CanceledException expected) {
                                    // the call did nothing
                                }
                            }
                            return notCanceled;
                        });
                        assertEquals(List.of(), task.cancel(), "calls that were not cancellation points");

                        assertEquals(0, file.position());
                        assertEquals("hello", readToEnd(file));
                        file.writeAll(bytes(" again"));
                        assertEquals(11, file.size());
                        assertEquals(List.of(path, sub), fs.list(dir), "the canceled calls created, renamed and deleted nothing");
                    }
                }),
                inDirectory(area, "an interrupted thread gets CanceledException and the file stays open", (io, fs, dir) -> {
                    try (File file = fs.create(dir.resolve("f"), READ)) {
                        Reader reader = file.reader(8);
                        Thread.currentThread().interrupt();
                        try {
                            var e = assertThrows(CanceledException.class, () -> file.write(bytes("x")));
                            assertTrue(e.getMessage().startsWith("the thread is interrupted"), e.getMessage());
                            assertThrows(CanceledException.class, () -> reader.take(1));
                            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is left set");
                        } finally {
                            Thread.interrupted();
                        }
                        assertEquals(1, file.write(bytes("x")));
                        assertEquals("x", UTF_8.decode(reader.take(1)).toString());
                    }
                }).onThreadOnly("it interrupts the test thread, which runs no task, and checks that it keeps its interrupt status"),
                inDirectory(area, "no descriptor stays open after files open, fail and close", (io, fs, dir) -> {
                    Path descriptors = Path.of("/proc/self/fd");
                    assumeTrue(Files.isDirectory(descriptors), "counting open descriptors needs /proc/self/fd");
                    // The first round loads classes, and the JDK keeps the jars they come from open.
                    openFailAndClose(fs, dir);
                    long before = count(descriptors);
                    openFailAndClose(fs, dir);
                    assertEquals(before, count(descriptors));
                }).kernelOnly("it counts the process's open descriptors in /proc/self/fd")));
    }

    /** A case body that works in a fresh temporary directory. */
    @FunctionalInterface
    private interface DirBody {
        @Suspendable
        void run(Io io, Fs fs, Path dir) throws Exception;
    }

    /** One operation, of {@link Fs} or {@link File}, for the cancellation case. */
    @FunctionalInterface
    private interface FsCall {
        @Suspendable
        void run() throws IOException;
    }

    private static Case inDirectory(String area, String name, DirBody body) {
        return inDirectory(area, name, false, body);
    }

    /** A case that runs {@code body} in a new temporary directory, deleted with all it holds afterwards. */
    private static Case inDirectory(String area, String name, boolean needsConcurrency, DirBody body) {
        Case.Body inFreshDirectory = io -> {
            // With plain JDK calls where the Io's files are the kernel's; else where its driver keeps them.
            boolean kernel = Loopback.hasKernel(io);
            Path dir = kernel ? Files.createTempDirectory("zsync-tck-fs") : io.fs().createTempDirectory("zsync-tck-fs");
            try {
                body.run(io, io.fs(), dir);
            } finally {
                if (kernel) {
                    deleteTree(dir);
                } else {
                    io.fs().deleteRecursively(dir);
                }
            }
        };
        return needsConcurrency ? Case.concurrent(area, name, inFreshDirectory) : Case.of(area, name, inFreshDirectory);
    }

    /** Deletes {@code dir} and what it holds, with plain JDK calls: the test's cleanup, not under test. */
    private static void deleteTree(Path dir) throws IOException {
        List<Path> deepestFirst;
        try (Stream<Path> all = Files.walk(dir)) {
            deepestFirst = all.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) {
            Files.delete(p);
        }
    }

    private static void openFailAndClose(Fs fs, Path dir) throws IOException {
        Path path = dir.resolve("fd-test");
        try (File file = fs.create(path, READ)) {
            file.writeAll(bytes("data"));
            file.read(ByteBuffer.allocate(4), 0);
        }
        File closed = fs.open(path);
        closed.close();
        assertThrows(ClosedChannelException.class, () -> closed.read(ByteBuffer.allocate(1)));
        assertThrows(NoSuchFileException.class, () -> fs.open(dir.resolve("missing")));
        assertThrows(NoSuchFileException.class, () -> fs.create(dir.resolve("missing").resolve("f")));
        assertThrows(FileAlreadyExistsException.class, () -> fs.create(path, CREATE_NEW));
        assertThrows(IllegalArgumentException.class, () -> fs.open(path, READ, APPEND));
        assertThrows(NotDirectoryException.class, () -> fs.list(path));
        assertThrows(FileSystemException.class, () -> fs.deleteRecursively(dir.resolve("missing")));
        Path tree = dir.resolve("fd-tree");
        fs.createDirectories(tree.resolve("a"));
        fs.create(tree.resolve("a").resolve("f")).close();
        assertEquals(1, fs.list(tree).size());
        fs.deleteRecursively(tree);
        fs.delete(path);
    }

    /** Every operation, each of which would change something visible if it were not canceled. */
    private static Map<String, FsCall> everyCall(Fs fs, File file, Path path, Path sub) throws IOException {
        Reader reader = file.reader(8);
        Writer unbuffered = file.writer(0);
        Map<String, FsCall> calls = new LinkedHashMap<>();
        calls.put("open", () -> fs.open(path).close());
        calls.put("create", () -> fs.create(sub.resolve("created")).close());
        calls.put("stat", () -> fs.stat(path));
        calls.put("exists", () -> fs.exists(path));
        calls.put("list", () -> fs.list(sub));
        calls.put("createDirectory", () -> fs.createDirectory(sub.resolve("d")));
        calls.put("createDirectories", () -> fs.createDirectories(sub.resolve("e").resolve("f")));
        calls.put("rename", () -> fs.rename(path, sub.resolve("renamed")));
        calls.put("delete", () -> fs.delete(path));
        calls.put("deleteIfExists", () -> fs.deleteIfExists(path));
        calls.put("deleteRecursively", () -> fs.deleteRecursively(sub));
        calls.put("createTempFile", () -> fs.delete(fs.createTempFile("zsync-", null)));
        calls.put("createTempDirectory", () -> fs.delete(fs.createTempDirectory("zsync-")));
        calls.put("File.read", () -> file.read(ByteBuffer.allocate(1)));
        calls.put("File.read at", () -> file.read(ByteBuffer.allocate(1), 0));
        calls.put("File.write", () -> file.write(bytes("x")));
        calls.put("File.writeAll", () -> file.writeAll(bytes("x")));
        calls.put("File.write at", () -> file.write(bytes("x"), 0));
        calls.put("File.position", () -> file.position());
        calls.put("File.position(long)", () -> file.position(0));
        calls.put("File.size", () -> file.size());
        calls.put("File.truncate", () -> file.truncate(0));
        calls.put("File.sync", () -> file.sync());
        calls.put("File.stat", () -> file.stat());
        calls.put("File.reader", () -> file.reader(8));
        calls.put("Reader.take", () -> reader.take(1));
        calls.put("Writer.write", () -> unbuffered.write(bytes("x")));
        return calls;
    }

    private static long count(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        }
    }

    private static void symlinkOrSkip(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            assumeTrue(false, "this platform cannot make symbolic links here: " + e);
        }
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(UTF_8));
    }

    private static String string(ByteBuffer filled) {
        return new String(filled.array(), 0, filled.position(), UTF_8);
    }

    /** Reads {@code size} bytes of {@code file} from {@code position}, with positional reads. */
    private static ByteBuffer readAt(File file, long position, int size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(size);
        while (block.hasRemaining() && file.read(block, position + block.position()) > 0) {
            // until full
        }
        return block;
    }

    /** The one byte value {@code block} holds from its start to its position, failing if it holds two. */
    private static byte uniformByte(ByteBuffer block) {
        byte first = block.get(0);
        for (int i = 0; i < block.position(); i++) {
            assertEquals(first, block.get(i), "a block mixes the bytes of two writes");
        }
        return first;
    }

    private static String readToEnd(File file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        while (file.read(buffer) >= 0) {
            if (!buffer.hasRemaining()) {
                buffer = ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
            }
        }
        return string(buffer);
    }
}
