package io.zsync.spi.kit.memory;

import static io.zsync.spi.kit.memory.Ops.done;
import static io.zsync.spi.kit.memory.Ops.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.spi.Handle;
import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The memory driver's file tree at the level of ops, with the JDK's answers for the standard open options. */
class MemoryFilesTest {

    private static final Path DIR = Path.of("/data");

    private final MemoryWorld world = MemoryWorld.create();
    private final MemoryDriver driver = (MemoryDriver) world.create(null);

    private Op run(Op op) {
        assertEquals(Op.DONE, driver.start(op), "file ops never wait");
        return op;
    }

    private IoError failure(Op op) {
        return run(op).error();
    }

    private Op open(Path path, OpenOption... options) {
        return op().reset(Op.Kind.FILE_OPEN, null).subject(path).argument(Set.of(options));
    }

    private Handle opened(Path path, OpenOption... options) {
        return (Handle) done(driver, open(path, options)).value();
    }

    private long write(Handle file, String text, long position) {
        return done(driver, op().reset(Op.Kind.FILE_WRITE, file).position(position)
                .buffers(new ByteBuffer[] {ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII))})).result();
    }

    private String read(Handle file, long position, int size) {
        ByteBuffer dst = ByteBuffer.allocate(size);
        long n = done(driver, op().reset(Op.Kind.FILE_READ, file).position(position).buffers(new ByteBuffer[] {dst})).result();
        return n < 0 ? null : new String(dst.array(), 0, dst.position(), StandardCharsets.US_ASCII);
    }

    private Op path(Op.Kind kind, Path path) {
        return op().reset(kind, null).subject(path);
    }

    @Test
    void open_honours_the_standard_options_with_the_jdks_errors() {
        done(driver, path(Op.Kind.DIR_CREATE, DIR));
        Path file = DIR.resolve("f");
        assertEquals(IoError.NOT_FOUND, failure(open(file, StandardOpenOption.READ)));
        assertEquals(IoError.NOT_FOUND, failure(open(file, StandardOpenOption.WRITE)));
        assertEquals(IoError.NOT_FOUND, failure(open(Path.of("/nowhere/f"), StandardOpenOption.WRITE, StandardOpenOption.CREATE)));
        Handle made = opened(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        assertEquals(IoError.EXISTS, failure(open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)));
        write(made, "0123456789", 0);
        driver.close(made);
        Handle truncating = opened(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(0, done(driver, op().reset(Op.Kind.FILE_SIZE, truncating)).result());
        driver.close(truncating);
        Op both = run(open(file, StandardOpenOption.READ, StandardOpenOption.APPEND));
        assertEquals(IoError.OTHER, both.error());
        assertInstanceOf(IllegalArgumentException.class, both.cause());
        Handle readOnly = opened(file);
        Op refused = run(op().reset(Op.Kind.FILE_WRITE, readOnly).buffers(new ByteBuffer[] {ByteBuffer.allocate(1)}));
        assertInstanceOf(NonWritableChannelException.class, refused.cause());
        driver.close(readOnly);
        assertEquals(0, driver.openHandles());
    }

    @Test
    void positional_reads_and_writes_append_truncate_and_size() {
        Path file = Path.of("/f.txt");
        Handle f = opened(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        write(f, "hello", 0);
        write(f, "HE", 0);
        write(f, "!", 8);
        assertEquals(9, done(driver, op().reset(Op.Kind.FILE_SIZE, f)).result());
        assertEquals("HEllo\0\0\0!", read(f, 0, 20));
        assertEquals("lo", read(f, 3, 2));
        assertEquals(null, read(f, 9, 4), "end of file");
        done(driver, op().reset(Op.Kind.FILE_TRUNCATE, f).count(2));
        assertEquals("HE", read(f, 0, 20));
        driver.close(f);
        Handle appending = opened(file, StandardOpenOption.APPEND);
        write(appending, "+", -1);
        write(appending, "+", 0);
        driver.close(appending);
        Handle again = opened(file);
        assertEquals("HE++", read(again, 0, 20), "append ignores positions");
        ByteBuffer first = ByteBuffer.allocate(1);
        ByteBuffer second = ByteBuffer.allocate(8);
        assertEquals(4, done(driver, op().reset(Op.Kind.FILE_READ, again).buffers(new ByteBuffer[] {first, second})).result(),
                "a scattering read fills the buffers in turn");
        driver.close(again);
    }

    @Test
    void stat_list_rename_and_delete_as_the_jdk_does() {
        done(driver, path(Op.Kind.DIR_CREATE, DIR));
        assertEquals(IoError.EXISTS, failure(path(Op.Kind.DIR_CREATE, DIR)));
        assertEquals(IoError.NOT_FOUND, failure(path(Op.Kind.DIR_CREATE, Path.of("/a/b"))));
        driver.close(opened(DIR.resolve("b"), StandardOpenOption.WRITE, StandardOpenOption.CREATE));
        Handle a = opened(DIR.resolve("a"), StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        write(a, "abc", 0);
        driver.close(a);
        done(driver, path(Op.Kind.DIR_CREATE, DIR.resolve("c")));
        assertEquals(List.of(DIR.resolve("a"), DIR.resolve("b"), DIR.resolve("c")),
                done(driver, path(Op.Kind.DIR_LIST, DIR)).value(), "sorted by name");
        BasicFileAttributes stat = (BasicFileAttributes) done(driver, path(Op.Kind.PATH_STAT, DIR.resolve("a"))).value();
        assertTrue(stat.isRegularFile());
        assertEquals(3, stat.size());
        assertTrue(((BasicFileAttributes) done(driver, path(Op.Kind.PATH_STAT, DIR)).value()).isDirectory());
        assertEquals(IoError.NOT_FOUND, failure(path(Op.Kind.PATH_STAT, DIR.resolve("z"))));
        assertEquals(IoError.NOT_DIRECTORY, failure(path(Op.Kind.DIR_LIST, DIR.resolve("a"))));

        done(driver, path(Op.Kind.PATH_RENAME, DIR.resolve("a")).argument(DIR.resolve("b")));
        assertEquals(3, ((BasicFileAttributes) done(driver, path(Op.Kind.PATH_STAT, DIR.resolve("b"))).value()).size(),
                "the rename replaced the target");
        assertEquals(IoError.NOT_FOUND, failure(path(Op.Kind.PATH_RENAME, DIR.resolve("a")).argument(DIR.resolve("x"))));

        assertEquals(IoError.NOT_EMPTY, failure(path(Op.Kind.PATH_DELETE, DIR)));
        assertEquals(1, done(driver, path(Op.Kind.PATH_DELETE, DIR.resolve("b"))).result());
        assertEquals(0, done(driver, path(Op.Kind.PATH_DELETE, DIR.resolve("b")).flag(true)).result());
        assertEquals(IoError.NOT_FOUND, failure(path(Op.Kind.PATH_DELETE, DIR.resolve("b"))));
        done(driver, path(Op.Kind.PATH_DELETE, DIR.resolve("c")));
        done(driver, path(Op.Kind.PATH_DELETE, DIR));
        assertEquals(List.of(Path.of("/tmp")), done(driver, path(Op.Kind.DIR_LIST, Path.of("/"))).value());
    }

    @Test
    void an_open_file_outlives_its_name_and_delete_on_close_deletes_it() {
        Path file = Path.of("/kept");
        Handle f = opened(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        write(f, "still here", 0);
        done(driver, path(Op.Kind.PATH_DELETE, file));
        assertEquals("still here", read(f, 0, 20));
        driver.close(f);
        Path scratch = Path.of("/scratch");
        driver.close(opened(scratch, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.DELETE_ON_CLOSE));
        assertEquals(IoError.NOT_FOUND, failure(path(Op.Kind.PATH_STAT, scratch)));
    }

    @Test
    void temporary_files_and_directories_are_made_under_the_worlds_temp_root() {
        Path file = (Path) done(driver, op().reset(Op.Kind.TEMP_CREATE, null).argument(new String[] {"zsync-", null})).value();
        Path dir = (Path) done(driver, op().reset(Op.Kind.TEMP_CREATE, null).argument(new String[] {"d", null}).flag(true)).value();
        assertEquals(world.tempRoot(), file.getParent());
        assertTrue(file.getFileName().toString().startsWith("zsync-") && file.getFileName().toString().endsWith(".tmp"), file::toString);
        assertFalse(file.equals(dir));
        assertTrue(((BasicFileAttributes) done(driver, path(Op.Kind.PATH_STAT, dir)).value()).isDirectory());
        assertTrue(((BasicFileAttributes) done(driver, path(Op.Kind.PATH_STAT, file)).value()).isRegularFile());
        Handle opened = opened(file);
        assertEquals(0, done(driver, op().reset(Op.Kind.FILE_SYNC, opened)).result());
        driver.close(opened);
    }

    @Test
    void closing_a_file_twice_counts_it_closed_once() {
        Handle f = opened(Path.of("/once"), StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        assertEquals(1, driver.openHandles());
        driver.close(f);
        driver.close(f);
        assertEquals(0, driver.openHandles());
        assertFalse(driver.isOpen(f));
        assertEquals(IoError.CLOSED, failure(op().reset(Op.Kind.FILE_SIZE, f)));
    }
}
