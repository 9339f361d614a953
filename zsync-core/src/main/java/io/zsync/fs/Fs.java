package io.zsync.fs;

import io.zsync.CanceledException;
import io.zsync.Io;
import io.zsync.internal.IoCore;
import io.zsync.internal.IoFailures;
import io.zsync.spi.Handle;
import io.zsync.spi.IoDriver;
import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
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
 * <em>cancellation point</em>. Each call is one operation of the {@code Io}'s I/O driver
 * ({@link #createDirectories} and {@link #deleteRecursively}: one per step), which the driver
 * does where it holds up no other task: on the default NIO driver, on a pool of threads shared
 * by the JVM, or, for path calls on the backends that give each task a thread of its own, on that
 * thread. Before each operation starts, a task whose cancellation was requested gets
 * {@link CanceledException} and nothing is done. Canceled while it waits, an operation that no
 * driver thread has begun never runs ({@code CanceledException}, nothing changed); one already
 * under way is not interrupted (local file operations are short, and zsync never interrupts a
 * thread): it runs to its end, the call returns what it did (a file it opened, a path it
 * created), and the cancellation request stays for the task's next cancellation point. An
 * interrupt by other code is a cancellation request (see {@link File} for what it does during a
 * call on an open file). {@link #list} reads the whole directory in one operation;
 * {@link #deleteRecursively} lists and deletes entry by entry, and says what stays done when it
 * is canceled part way.
 *
 * <h2>Errors</h2>
 * Failures are the {@link IOException}s of {@code java.nio.file} ({@link NoSuchFileException},
 * {@link java.nio.file.FileAlreadyExistsException}, {@link java.nio.file.AccessDeniedException},
 * {@link java.nio.file.DirectoryNotEmptyException}, ...), naming the path, the same on every
 * driver; {@link #rename} alone replaces one, {@link AtomicMoveNotSupportedException}, with a
 * message that says what to do. A {@code null} path, array of options or option throws
 * {@link NullPointerException} naming it. A failed call leaves nothing open.
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

    private final IoCore core;

    private Fs(IoCore core) {
        this.core = core;
    }

    /**
     * The file system as seen through {@code io}: its operations are cancellation points of the
     * tasks of {@code io}. Cheap; does not block.
     *
     * @throws NullPointerException if {@code io} is {@code null}
     * @throws IllegalArgumentException if {@code io} was not made by {@link Io#open}: files need
     *         the I/O driver of such an {@code Io}
     */
    public static Fs of(Io io) {
        return new Fs(IoCore.of(Objects.requireNonNull(io, "io is null; pass the Io whose tasks will use the files")));
    }

    // ---- files ------------------------------------------------------------------------------

    /**
     * Opens a file with {@code options} as {@link java.nio.channels.FileChannel#open(Path, OpenOption...)}
     * takes them: with none, for reading only. Add {@link StandardOpenOption#WRITE},
     * {@link StandardOpenOption#APPEND}, {@link StandardOpenOption#CREATE} and so on for more.
     * A cancellation point: a canceled call opens nothing.
     *
     * @throws NoSuchFileException if there is no such file (and {@code CREATE} was not given)
     * @throws IllegalArgumentException if the options do not go together: {@code APPEND} with
     *         {@code READ} or with {@code TRUNCATE_EXISTING}
     */
    public File open(Path path, OpenOption... options) throws IOException {
        requirePath(path, "path");
        Objects.requireNonNull(options, "options is null; pass none to open the file for reading");
        return openFile(path, new HashSet<>(Arrays.asList(options)));
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
        Objects.requireNonNull(options, "options is null; pass none to create the file for writing");
        Set<OpenOption> all = new HashSet<>(CREATE_DEFAULTS);
        all.addAll(Arrays.asList(options));
        if (all.contains(StandardOpenOption.APPEND)) {
            throw new IllegalArgumentException("create() truncates the file, so it cannot append to it;"
                    + " to append, use open(path, CREATE, APPEND)");
        }
        requirePath(path, "path");
        return openFile(path, all);
    }

    /** Opens {@code path} with {@code options}, checked here so that every driver refuses the same. */
    private File openFile(Path path, Set<OpenOption> options) throws IOException {
        for (OpenOption option : options) {
            Objects.requireNonNull(option, "options holds a null; pass only OpenOptions, such as StandardOpenOption.READ");
        }
        boolean append = options.contains(StandardOpenOption.APPEND);
        if (append && options.contains(StandardOpenOption.READ)) {
            throw new IllegalArgumentException("READ and APPEND do not go together: a file opened to append is"
                    + " only written; open it a second time to read it");
        }
        if (append && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            throw new IllegalArgumentException("APPEND and TRUNCATE_EXISTING do not go together;"
                    + " to start the file afresh, use create(path)");
        }
        IoDriver driver = core.driver();
        Op op = run(pathOp(Op.Kind.FILE_OPEN, path).argument(Set.copyOf(options)));
        Handle handle = (Handle) op.value();
        try {
            return new File(core, driver, handle, path, append);
        } catch (RuntimeException e) {
            driver.close(handle);
            throw e;
        }
    }

    /**
     * The metadata of {@code path}: following a symbolic link unless {@code options} holds
     * {@link LinkOption#NOFOLLOW_LINKS}. A cancellation point.
     *
     * @throws NoSuchFileException if nothing is there
     */
    public Stat stat(Path path, LinkOption... options) throws IOException {
        requirePath(path, "path");
        Objects.requireNonNull(options, "options is null; pass none to follow symbolic links");
        boolean follow = !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
        return stat(path, follow);
    }

    private Stat stat(Path path, boolean follow) throws IOException {
        return Stat.of((BasicFileAttributes) run(pathOp(Op.Kind.PATH_STAT, path).flag(follow)).value());
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
        requirePath(path, "path");
        Op op = runAllowingFailure(pathOp(Op.Kind.PATH_STAT, path).flag(true));
        if (op.error() == IoError.NOT_FOUND) {
            return false;
        }
        IoFailures.throwIfFailed(op);
        return true;
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
     * <p>One operation, a cancellation point: the directory is read in one go, where reading it
     * does not hold up other tasks.
     *
     * @throws java.nio.file.NotDirectoryException if {@code dir} is not a directory
     */
    public List<Path> list(Path dir) throws IOException {
        requirePath(dir, "dir");
        @SuppressWarnings("unchecked")
        List<Path> entries = (List<Path>) run(pathOp(Op.Kind.DIR_LIST, dir)).value();
        return new ArrayList<>(entries);
    }

    /**
     * Creates directory {@code dir}; its parent must exist. A cancellation point.
     *
     * @throws java.nio.file.FileAlreadyExistsException if something is already there
     * @throws NoSuchFileException if the parent does not exist ({@link #createDirectories} makes
     *         the parents too)
     */
    public void createDirectory(Path dir) throws IOException {
        requirePath(dir, "dir");
        run(pathOp(Op.Kind.DIR_CREATE, dir));
    }

    /**
     * Creates directory {@code dir} and whichever of its parents do not exist; does nothing if it
     * is already a directory (or a link to one). It looks at {@code dir}, then at each parent up
     * to the first that exists, and creates the missing ones from the top down; each of those
     * steps is a cancellation point, and canceled part way, the directories it made stay. A
     * directory another task or process creates meanwhile is taken as made.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code dir} exists but is not a directory
     * @throws java.nio.file.FileSystemException if a parent exists but is not a directory
     *         ("Not a directory", naming {@code dir})
     */
    public void createDirectories(Path dir) throws IOException {
        requirePath(dir, "dir");
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null; p = p.getParent()) {
            Op op = runAllowingFailure(pathOp(Op.Kind.PATH_STAT, p).flag(true));
            if (op.error() != IoError.NOT_FOUND) {
                IoFailures.throwIfFailed(op);
                requireDirectory(dir, p, Stat.of((BasicFileAttributes) op.value()));
                break;
            }
            missing.push(p);
        }
        for (Path p : missing) {
            Op op = runAllowingFailure(pathOp(Op.Kind.DIR_CREATE, p));
            if (op.error() != IoError.EXISTS || !isDirectory(p)) {
                IoFailures.throwIfFailed(op);
            }
        }
    }

    /** Whether {@code path} is a directory, or a link to one; {@code false} where it cannot tell. */
    private boolean isDirectory(Path path) throws IOException {
        Op op = runAllowingFailure(pathOp(Op.Kind.PATH_STAT, path).flag(true));
        return op.error() == null && Stat.of((BasicFileAttributes) op.value()).kind() == Stat.Kind.DIRECTORY;
    }

    /**
     * Throws unless {@code existing}, {@code dir} or the parent of it that exists, is a directory:
     * as the JDK's {@code createDirectories} does on Linux, whatever the driver's stat of a path
     * below a file says.
     */
    private static void requireDirectory(Path dir, Path existing, Stat stat) throws FileSystemException {
        if (stat.kind() != Stat.Kind.DIRECTORY) {
            throw existing == dir ? new FileAlreadyExistsException(dir.toString(), null, "exists but is not a directory")
                    : new FileSystemException(dir.toString(), null, "Not a directory");
        }
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
        requirePath(to, "to");
        run(pathOp(Op.Kind.PATH_RENAME, from).argument(to));
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
        requirePath(path, "path");
        run(pathOp(Op.Kind.PATH_DELETE, path));
    }

    /**
     * Like {@link #delete}, but returns {@code false} instead of failing when nothing is there.
     * A cancellation point.
     */
    public boolean deleteIfExists(Path path) throws IOException {
        requirePath(path, "path");
        return run(pathOp(Op.Kind.PATH_DELETE, path).flag(true)).result() == 1;
    }

    /**
     * Deletes {@code path} and, if it is a directory, everything below it, depth first. Symbolic
     * links are deleted, never followed: a link to a directory outside the tree leaves that
     * directory alone, and if {@code path} itself is a link only the link goes.
     *
     * <p>It looks at each entry without following links, lists each directory when it gets to it,
     * and deletes each directory once its entries are gone. Each of those steps is a cancellation
     * point; canceled part way, what it deleted stays deleted and the rest stays.
     *
     * @throws NoSuchFileException if nothing is at {@code path}
     */
    public void deleteRecursively(Path path) throws IOException {
        requirePath(path, "path");
        // Directories being emptied, innermost first, each with the entries still to delete: a loop,
        // not a recursion, so that a deep tree takes no deep stack.
        Deque<Directory> open = new ArrayDeque<>();
        Path next = path;
        while (true) {
            if (next != null) {
                if (stat(next, false).kind() == Stat.Kind.DIRECTORY) {
                    open.push(new Directory(next, list(next).iterator()));
                } else {
                    delete(next);
                }
            }
            Directory innermost = open.peek();
            if (innermost == null) {
                return;
            }
            if (innermost.entries().hasNext()) {
                next = innermost.entries().next();
            } else {
                open.pop();
                delete(innermost.path());
                next = null;
            }
        }
    }

    /** A directory {@link #deleteRecursively} is emptying, and the entries it has yet to delete. */
    private record Directory(Path path, Iterator<Path> entries) {}

    // ---- temporary files --------------------------------------------------------------------

    /**
     * Creates a new, empty file in the I/O driver's temporary-file directory (on the default NIO
     * driver, {@code java.io.tmpdir}), readable and writable by its owner only where the platform
     * has POSIX permissions, and returns its path. Its name is {@code prefix}, random characters
     * and {@code suffix}; {@code prefix} may be {@code null} (none), {@code suffix} {@code null}
     * ({@code ".tmp"}). The caller deletes it. A cancellation point.
     *
     * @throws IllegalArgumentException if {@code prefix} or {@code suffix} would not make a file
     *         name, such as one holding a separator
     */
    public Path createTempFile(String prefix, String suffix) throws IOException {
        return (Path) run(new Op().reset(Op.Kind.TEMP_CREATE, null).argument(new String[] {prefix, suffix})).value();
    }

    /**
     * Creates a new, empty directory in the I/O driver's temporary-file directory (on the default
     * NIO driver, {@code java.io.tmpdir}), accessible to its owner only where the platform has
     * POSIX permissions, and returns its path. Its name is {@code prefix} (may be {@code null}:
     * none) and random characters. The caller deletes it, with {@link #deleteRecursively}. A
     * cancellation point.
     *
     * @throws IllegalArgumentException if {@code prefix} would not make a file name
     */
    public Path createTempDirectory(String prefix) throws IOException {
        return (Path) run(new Op().reset(Op.Kind.TEMP_CREATE, null).argument(new String[] {prefix, null}).flag(true))
                .value();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void requirePath(Path path, String name) {
        Objects.requireNonNull(path, () -> name + " is null; pass the Path of the file or directory to use");
    }

    private static Op pathOp(Op.Kind kind, Path path) {
        return new Op().reset(kind, null).subject(path);
    }

    /** Runs {@code op} through the driver, a cancellation point, and throws its failure. */
    private Op run(Op op) throws IOException {
        IoFailures.throwIfFailed(runAllowingFailure(op));
        return op;
    }

    /** Runs {@code op} through the driver, a cancellation point, leaving a failure in it for the caller to read. */
    private Op runAllowingFailure(Op op) throws IOException {
        core.perform(op, IoCore.NO_DEADLINE);
        return op;
    }
}
