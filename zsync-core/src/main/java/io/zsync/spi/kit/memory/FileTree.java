package io.zsync.spi.kit.memory;

import io.zsync.spi.IoError;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file tree of a {@link MemoryWorld}: directories of named nodes, files as byte arrays that
 * grow. Paths are those of the default file system, taken by their names only: a relative path
 * is relative to the root. The names are guarded by one monitor, the tree's (so that a rename is
 * atomic); each file's bytes by the file's own.
 */
final class FileTree {

    private final AtomicLong inodes = new AtomicLong();
    private final Dir root = new Dir(this);

    /** Something a path names. */
    abstract static sealed class Node permits Dir, Data {
        final long inode;
        final FileTime created;
        FileTime modified;

        Node(FileTree tree) {
            inode = tree.inodes.incrementAndGet();
            created = now();
            modified = created;
        }
    }

    static final class Dir extends Node {
        final Map<String, Node> entries = new TreeMap<>();

        Dir(FileTree tree) {
            super(tree);
        }
    }

    /** A file's bytes; guarded by its own monitor. */
    static final class Data extends Node {
        private byte[] bytes = new byte[0];
        private long size;

        Data(FileTree tree) {
            super(tree);
        }

        synchronized long size() {
            return size;
        }

        /** Reads at {@code position} into each buffer in turn; -1 at or past the end (with room to read into). */
        synchronized long read(ByteBuffer[] dsts, long position) {
            if (position >= size && Pipe.hasRemaining(dsts)) {
                return -1;
            }
            long at = position;
            for (ByteBuffer dst : dsts) {
                int n = (int) Math.min(dst.remaining(), Math.max(0, size - at));
                if (n > 0) {
                    dst.put(bytes, (int) at, n);
                    at += n;
                }
            }
            return at - position;
        }

        /** Writes every buffer at {@code position}, or at the end when it is -1; the gap before it reads as zeros. */
        synchronized long write(ByteBuffer[] srcs, long position) throws Failed {
            long at = position < 0 ? size : position;
            long total = 0;
            for (ByteBuffer src : srcs) {
                total += src.remaining();
            }
            long end = at + total;
            if (end > Integer.MAX_VALUE - 8) {
                throw new Failed(IoError.OTHER, "a memory file holds less than 2 GiB");
            }
            if (end > bytes.length) {
                byte[] grown = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, 2L * bytes.length))];
                System.arraycopy(bytes, 0, grown, 0, (int) size);
                bytes = grown;
            }
            for (ByteBuffer src : srcs) {
                int n = src.remaining();
                src.get(bytes, (int) at, n);
                at += n;
            }
            size = Math.max(size, end);
            modified = now();
            return total;
        }

        synchronized void truncate(long length) {
            if (length < size) {
                Arrays.fill(bytes, (int) length, (int) size, (byte) 0);
                size = length;
                modified = now();
            }
        }

        synchronized FileTime modifiedTime() {
            return modified;
        }
    }

    /** What {@code PATH_STAT} reports. */
    record Attributes(FileTime lastModifiedTime, FileTime creationTime, boolean isRegularFile, boolean isDirectory,
            long size, Object fileKey) implements BasicFileAttributes {

        @Override
        public FileTime lastAccessTime() {
            return lastModifiedTime;
        }

        @Override
        public boolean isSymbolicLink() {
            return false;
        }

        @Override
        public boolean isOther() {
            return false;
        }
    }

    private static FileTime now() {
        return FileTime.from(Instant.now());
    }

    // ---- names ---------------------------------------------------------------------------------

    /** The names of {@code path} from the root, with {@code .} and {@code ..} taken out. */
    static List<String> names(Path path) {
        Path absolute = path.isAbsolute() ? path : path.getFileSystem().getPath("/").resolve(path);
        List<String> names = new ArrayList<>();
        for (Path name : absolute.normalize()) {
            names.add(name.toString());
        }
        return names;
    }

    /** The node at {@code names}, or {@code null}; with the tree's monitor held. */
    private Node find(List<String> names) throws Failed {
        Node node = root;
        for (String name : names) {
            if (!(node instanceof Dir dir)) {
                throw new Failed(IoError.NOT_DIRECTORY, "Not a directory");
            }
            node = dir.entries.get(name);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** The directory that holds {@code names}' last name, which must exist. */
    private Dir parent(List<String> names) throws Failed {
        if (names.isEmpty()) {
            throw new Failed(IoError.DENIED, "the root directory");
        }
        Node node = find(names.subList(0, names.size() - 1));
        if (node == null) {
            throw new Failed(IoError.NOT_FOUND, null);
        }
        if (!(node instanceof Dir dir)) {
            throw new Failed(IoError.NOT_DIRECTORY, "Not a directory");
        }
        return dir;
    }

    private static String last(List<String> names) {
        return names.get(names.size() - 1);
    }

    // ---- operations ----------------------------------------------------------------------------

    /**
     * The file at {@code path}: made if {@code create} and absent, refused if {@code createNew} and
     * present; emptied if {@code truncate}.
     */
    synchronized Data open(Path path, boolean create, boolean createNew, boolean truncate) throws Failed {
        List<String> names = names(path);
        Node node = names.isEmpty() ? root : find(names);
        if (node != null && createNew) {
            throw new Failed(IoError.EXISTS, null);
        }
        if (node == null) {
            if (!create && !createNew) {
                throw new Failed(IoError.NOT_FOUND, null);
            }
            Dir dir = parent(names);
            Data made = new Data(this);
            dir.entries.put(last(names), made);
            dir.modified = made.created;
            return made;
        }
        if (!(node instanceof Data data)) {
            throw new Failed(IoError.OTHER, "Is a directory");
        }
        if (truncate) {
            data.truncate(0);
        }
        return data;
    }

    synchronized BasicFileAttributes stat(Path path) throws Failed {
        List<String> names = names(path);
        Node node = find(names);
        return switch (node) {
            case null -> throw new Failed(IoError.NOT_FOUND, null);
            case Dir dir -> new Attributes(dir.modified, dir.created, false, true, 0, dir.inode);
            case Data data -> new Attributes(data.modifiedTime(), data.created, true, false, data.size(), data.inode);
        };
    }

    /** The entries of the directory {@code path}, as {@code path.resolve(name)}, sorted. */
    synchronized List<Path> list(Path path) throws Failed {
        Node node = find(names(path));
        if (node == null) {
            throw new Failed(IoError.NOT_FOUND, null);
        }
        if (!(node instanceof Dir dir)) {
            throw new Failed(IoError.NOT_DIRECTORY, "Not a directory");
        }
        List<Path> entries = new ArrayList<>(dir.entries.size());
        for (String name : dir.entries.keySet()) {
            entries.add(path.resolve(name));
        }
        entries.sort(null);
        return entries;
    }

    synchronized void createDirectory(Path path) throws Failed {
        List<String> names = names(path);
        if (names.isEmpty() || find(names) != null) {
            throw new Failed(IoError.EXISTS, null);
        }
        Dir dir = parent(names);
        Dir made = new Dir(this);
        dir.entries.put(last(names), made);
        dir.modified = made.created;
    }

    /**
     * Renames {@code from} to {@code to} in one step, replacing a file or empty directory there as
     * {@code rename(2)} does.
     */
    synchronized void rename(Path from, Path to) throws Failed {
        List<String> source = names(from);
        List<String> target = names(to);
        Node moved = source.isEmpty() ? root : find(source);
        if (moved == null) {
            throw new Failed(IoError.NOT_FOUND, null);
        }
        if (source.equals(target)) {
            return;
        }
        if (target.size() > source.size() && target.subList(0, source.size()).equals(source)) {
            throw new Failed(IoError.OTHER, "Invalid argument: a directory cannot move into itself");
        }
        Dir from1 = parent(source);
        Dir into = parent(target);
        Node replaced = into.entries.get(last(target));
        if (replaced instanceof Dir dir && !(moved instanceof Dir)) {
            throw new Failed(IoError.EXISTS, "Is a directory");
        }
        if (replaced instanceof Data && moved instanceof Dir) {
            throw new Failed(IoError.NOT_DIRECTORY, "Not a directory");
        }
        if (replaced instanceof Dir dir && !dir.entries.isEmpty()) {
            throw new Failed(IoError.NOT_EMPTY, null);
        }
        from1.entries.remove(last(source));
        into.entries.put(last(target), moved);
        FileTime when = now();
        from1.modified = when;
        into.modified = when;
    }

    /** Deletes a file or empty directory; {@code false} if nothing was there and {@code ifExists}. */
    synchronized boolean delete(Path path, boolean ifExists) throws Failed {
        List<String> names = names(path);
        Node node = names.isEmpty() ? root : find(names);
        if (node == null) {
            if (ifExists) {
                return false;
            }
            throw new Failed(IoError.NOT_FOUND, null);
        }
        if (node instanceof Dir dir && !dir.entries.isEmpty()) {
            throw new Failed(IoError.NOT_EMPTY, null);
        }
        Dir parent = parent(names);
        parent.entries.remove(last(names));
        parent.modified = now();
        return true;
    }

    /**
     * Makes a new file, or directory, named {@code prefix}, a number from {@code names} and
     * {@code suffix} in {@code dir} (made first if missing), as {@code Files.createTempFile} does:
     * without a suffix, a file's is {@code .tmp}.
     */
    synchronized Path createTemp(Path dir, String prefix, String suffix, boolean directory, SplittableRandom names)
            throws Failed {
        List<String> at = names(dir);
        if (find(at) == null) {
            createDirectories(at);
        }
        String end = suffix != null ? suffix : directory ? "" : ".tmp";
        while (true) {
            Path candidate = dir.resolve((prefix == null ? "" : prefix) + Long.toUnsignedString(names.nextLong()) + end);
            if (find(names(candidate)) == null) {
                if (directory) {
                    createDirectory(candidate);
                } else {
                    open(candidate, false, true, false);
                }
                return candidate;
            }
        }
    }

    private void createDirectories(List<String> names) throws Failed {
        Dir dir = root;
        for (String name : names) {
            Node node = dir.entries.get(name);
            if (node == null) {
                node = new Dir(this);
                dir.entries.put(name, node);
            }
            if (!(node instanceof Dir next)) {
                throw new Failed(IoError.NOT_DIRECTORY, "Not a directory");
            }
            dir = next;
        }
    }

    /** Whether {@code path} still names {@code node}: for a file deleted on close. */
    synchronized boolean names(Path path, Node node) {
        try {
            return find(names(path)) == node;
        } catch (Failed notThere) {
            return false;
        }
    }
}
