package io.zsync.fs;

import io.zsync.CanceledException;
import io.zsync.Io;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Files and directories through an {@link Io}: {@link Io#fs() io.fs()} (or {@code Fs.of(io)}).
 *
 * <pre>{@code
 * Fs fs = io.fs();
 * try (File out = fs.create(path)) {
 *     out.writeAll(ByteBuffer.wrap(bytes));
 *     out.sync();
 * }
 * fs.rename(path, finalPath);                  // atomic: readers see the old file or the new one
 * }</pre>
 *
 * <h2>Blocking and cancellation</h2>
 * Every method blocks the calling task until the file system has answered, and is a
 * <em>cancellation point</em>: it calls {@link Io#checkCancel()} before it starts each file-system
 * call, so a task whose cancellation was requested gets {@link CanceledException} there and that
 * call is not made. A call already in progress is not interrupted: local file operations are
 * short, and zsync never interrupts a thread; an interrupt by other code is a cancellation request
 * (see {@link File} for what it does during a call on an open file). Each call goes through
 * {@link Io#blocking}, so on the {@code evented} backend it runs on the blocking pool while the
 * task is suspended. {@link #list} reads the whole directory in one such call, after one
 * cancellation point; {@link #deleteRecursively} reads the tree in one, then deletes entry by
 * entry, each deletion a cancellation point, and says what stays done when it is canceled part way.
 *
 * <h2>Errors</h2>
 * The {@link IOException}s of {@code java.nio.file} ({@link NoSuchFileException},
 * {@link java.nio.file.FileAlreadyExistsException}, {@link java.nio.file.AccessDeniedException},
 * {@link java.nio.file.DirectoryNotEmptyException}, ...) pass through as they are: they name the
 * path; {@link #rename} alone replaces one, {@link AtomicMoveNotSupportedException}, with a message
 * that says what to do. A {@code null} path throws {@link NullPointerException} naming the
 * parameter; a {@code null} array of options, or option in it, throws the JDK's. A failed call
 * leaves nothing open.
 *
 * <h2>Thread safety</h2>
 * An {@code Fs} holds nothing but its {@code Io}: use it from any task or thread. A change made by
 * a call that has returned is seen by every call that starts later, in any task or process (the
 * operating system orders them); that orders the file system, not Java memory: hand objects from
 * task to task through a {@link io.zsync.Future}, {@link io.zsync.Queue} or lock, as usual.
 */
public final class Fs {

    private static final Set<OpenOption> CREATE_DEFAULTS =
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);

    private final Io io;

    private Fs(Io io) {
        this.io = io;
    }

    /**
     * The file system as seen through {@code io}: its operations are cancellation points of the
     * tasks of {@code io}. Cheap; does not block.
     *
     * @throws NullPointerException if {@code io} is {@code null}
     */
    public static Fs of(Io io) {
        return new Fs(Objects.requireNonNull(io, "io is null; pass the Io whose tasks will use the files"));
    }

    // ---- files ------------------------------------------------------------------------------

    /**
     * Opens a file with {@code options} as {@link FileChannel#open(Path, OpenOption...)} takes
     * them: with none, for reading only. Add {@link StandardOpenOption#WRITE},
     * {@link StandardOpenOption#APPEND}, {@link StandardOpenOption#CREATE} and so on for more.
     * A cancellation point: a canceled call opens nothing.
     *
     * @throws NoSuchFileException if there is no such file (and {@code CREATE} was not given)
     * @throws IllegalArgumentException if the options do not go together, such as {@code READ}
     *         with {@code APPEND}
     */
    public File open(Path path, OpenOption... options) throws IOException {
        begin(path, "path");
        FileChannel channel = io.blocking(() -> FileChannel.open(path, options));
        return new File(io, path, channel);
    }

    /**
     * Opens a file for writing, creating it if it does not exist and truncating it to length 0 if
     * it does: {@code WRITE}, {@code CREATE} and {@code TRUNCATE_EXISTING}, plus {@code options}
     * ({@code READ} to read it back too, {@code CREATE_NEW} to fail if it exists, {@code SYNC} or
     * {@code DSYNC}). To append, use {@code open(path, CREATE, APPEND)}. A cancellation point: a
     * canceled call creates and truncates nothing.
     *
     * @throws NoSuchFileException if the parent directory does not exist
     * @throws java.nio.file.FileAlreadyExistsException if {@code CREATE_NEW} was given and the
     *         file exists
     * @throws IllegalArgumentException if {@code APPEND} is among {@code options}: appending
     *         and truncating do not go together
     */
    public File create(Path path, OpenOption... options) throws IOException {
        Set<OpenOption> all = new HashSet<>(CREATE_DEFAULTS);
        all.addAll(Arrays.asList(options));
        if (all.contains(StandardOpenOption.APPEND)) {
            throw new IllegalArgumentException("create() truncates the file, so it cannot append to it;"
                    + " to append, use open(path, CREATE, APPEND)");
        }
        begin(path, "path");
        FileChannel channel = io.blocking(() -> FileChannel.open(path, all));
        return new File(io, path, channel);
    }

    /**
     * The metadata of {@code path}: following a symbolic link unless {@code options} holds
     * {@link LinkOption#NOFOLLOW_LINKS}. A cancellation point.
     *
     * @throws NoSuchFileException if nothing is there
     */
    public Stat stat(Path path, LinkOption... options) throws IOException {
        begin(path, "path");
        return Stat.of(io.blocking(() -> Files.readAttributes(path, BasicFileAttributes.class, options)));
    }

    /**
     * Whether something is at {@code path}, following symbolic links (a link to nothing does not
     * exist; {@link #stat stat(path, NOFOLLOW_LINKS)} sees the link itself). Unlike
     * {@link Files#exists}, which answers {@code false} whenever it cannot tell, this answers
     * {@code false} only for {@link NoSuchFileException} and throws every other failure: when
     * access to a parent directory is denied, or a parent is a file (a
     * {@link java.nio.file.FileSystemException}, "Not a directory"). A cancellation point.
     */
    public boolean exists(Path path) throws IOException {
        begin(path, "path");
        return io.blocking(() -> {
            try {
                Files.readAttributes(path, BasicFileAttributes.class);
                return true;
            } catch (NoSuchFileException absent) {
                return false;
            }
        });
    }

    // ---- directories ------------------------------------------------------------------------

    /**
     * The entries of directory {@code dir} (each as {@code dir.resolve(name)}, without
     * {@code "."} and {@code ".."}), sorted by name, in a new list the caller owns.
     *
     * <p>A list rather than a lazy stream: the directory is read and closed within this one call,
     * so no descriptor stays open when the caller forgets to close a stream or is canceled between
     * two entries, and the order does not depend on the platform. For a directory too large to
     * hold in memory, use {@link Files#newDirectoryStream} directly.
     *
     * <p>A cancellation point before it opens the directory; the directory is then read in one go,
     * where reading it does not hold up other tasks (on {@code evented}, the blocking pool).
     *
     * @throws java.nio.file.NotDirectoryException if {@code dir} is not a directory
     */
    public List<Path> list(Path dir) throws IOException {
        begin(dir, "dir");
        return io.blocking(() -> {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(entries::add);
            } catch (DirectoryIteratorException e) {
                throw e.getCause();
            }
            entries.sort(null);
            return entries;
        });
    }

    /**
     * Creates directory {@code dir}; its parent must exist. A cancellation point.
     *
     * @throws java.nio.file.FileAlreadyExistsException if something is already there
     * @throws NoSuchFileException if the parent does not exist ({@link #createDirectories} makes
     *         the parents too)
     */
    public void createDirectory(Path dir) throws IOException {
        begin(dir, "dir");
        io.blocking(() -> Files.createDirectory(dir));
    }

    /**
     * Creates directory {@code dir} and whichever of its parents do not exist; does nothing if it
     * is already a directory. A cancellation point before it starts; once started, it makes all the
     * directories it needs, and those it made stay if a later one fails.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code dir} exists but is not a directory
     * @throws java.nio.file.FileSystemException if a parent exists but is not a directory (on
     *         Linux, "Not a directory", naming the first path it could not make)
     */
    public void createDirectories(Path dir) throws IOException {
        begin(dir, "dir");
        io.blocking(() -> Files.createDirectories(dir));
    }

    /**
     * Moves {@code from} to {@code to} atomically: every observer sees either the old name or the
     * new one, never both or neither. If {@code to} exists it is replaced where the platform
     * allows (POSIX and Windows do, for a file; a directory can replace only an empty directory),
     * which is how a file is updated safely: write and {@linkplain File#sync() sync} a new file
     * beside it, then rename it over the old one. A cancellation point.
     *
     * @throws AtomicMoveNotSupportedException if the platform cannot move it atomically, chiefly
     *         because the two paths are on different file systems; the message says what to do
     * @throws NoSuchFileException if {@code from} does not exist
     */
    public void rename(Path from, Path to) throws IOException {
        Objects.requireNonNull(from, "from is null; pass the Path to rename");
        begin(to, "to");
        try {
            io.blocking(() -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE));
        } catch (AtomicMoveNotSupportedException e) {
            var clear = new AtomicMoveNotSupportedException(from.toString(), to.toString(),
                    "cannot rename atomically (" + e.getReason() + "); a rename stays within one file system:"
                            + " copy to a new file beside the target, then rename that over the target");
            clear.initCause(e);
            throw clear;
        }
    }

    /**
     * Deletes the file, empty directory or symbolic link (not its target) at {@code path}.
     * A cancellation point.
     *
     * @throws NoSuchFileException if nothing is there
     * @throws java.nio.file.DirectoryNotEmptyException if it is a directory with entries
     *         ({@link #deleteRecursively} deletes those too)
     */
    public void delete(Path path) throws IOException {
        begin(path, "path");
        io.blocking(() -> {
            Files.delete(path);
            return null;
        });
    }

    /**
     * Like {@link #delete}, but returns {@code false} instead of failing when nothing is there.
     * A cancellation point.
     */
    public boolean deleteIfExists(Path path) throws IOException {
        begin(path, "path");
        return io.blocking(() -> Files.deleteIfExists(path));
    }

    /**
     * Deletes {@code path} and, if it is a directory, everything below it, depth first. Symbolic
     * links are deleted, never followed: a link to a directory outside the tree leaves that
     * directory alone, and if {@code path} itself is a link only the link goes.
     *
     * <p>The tree is read first, then deleted entry by entry, each deletion a cancellation point;
     * canceled part way, what it deleted stays deleted and the rest stays. Both run where they do
     * not hold up other tasks (on {@code evented}, the blocking pool).
     *
     * @throws NoSuchFileException if nothing is at {@code path}
     */
    public void deleteRecursively(Path path) throws IOException {
        begin(path, "path");
        for (Path entry : io.blocking(() -> deletionOrder(path))) {
            delete(entry);
        }
    }

    /**
     * Everything at and below {@code path}, each entry before the directory that holds it. Links are
     * listed, never followed: a link to a directory outside the tree leaves that directory alone.
     */
    private static List<Path> deletionOrder(Path path) throws IOException {
        List<Path> order = new ArrayList<>();
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                order.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                order.add(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        return order;
    }

    // ---- temporary files --------------------------------------------------------------------

    /**
     * Creates a new, empty file in the default temporary-file directory
     * ({@code java.io.tmpdir}), readable and writable by its owner only where the platform has
     * POSIX permissions, and returns its path. Its name is {@code prefix}, random characters and
     * {@code suffix}; {@code prefix} may be {@code null} (none), {@code suffix} {@code null}
     * ({@code ".tmp"}). The caller deletes it. A cancellation point.
     *
     * @throws IllegalArgumentException if {@code prefix} or {@code suffix} would not make a file
     *         name, such as one holding a separator
     */
    public Path createTempFile(String prefix, String suffix) throws IOException {
        return io.blocking(() -> Files.createTempFile(prefix, suffix));
    }

    /**
     * Creates a new, empty directory in the default temporary-file directory, accessible to its
     * owner only where the platform has POSIX permissions, and returns its path. Its name is
     * {@code prefix} (may be {@code null}: none) and random characters. The caller deletes it,
     * with {@link #deleteRecursively}. A cancellation point.
     *
     * @throws IllegalArgumentException if {@code prefix} would not make a file name
     */
    public Path createTempDirectory(String prefix) throws IOException {
        return io.blocking(() -> Files.createTempDirectory(prefix));
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Refuses a {@code null} path, then is the cancellation point before a file-system call. */
    private void begin(Path path, String name) {
        Objects.requireNonNull(path, () -> name + " is null; pass the Path of the file or directory to use");
        io.checkCancel();
    }
}
