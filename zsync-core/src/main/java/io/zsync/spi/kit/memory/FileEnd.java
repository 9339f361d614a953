package io.zsync.spi.kit.memory;

import io.zsync.spi.Op;
import java.nio.file.Path;
import java.util.List;

/** An open file of the memory world: a file's bytes, and what the open allowed. */
final class FileEnd extends MemHandle {

    final FileTree.Data data;
    final Path path;
    final boolean readable;
    final boolean writable;
    final boolean append;
    private final FileTree deleteOnClose;

    FileEnd(FileTree.Data data, Path path, boolean readable, boolean writable, boolean append, FileTree deleteOnClose) {
        super(Kind.FILE);
        this.data = data;
        this.path = path;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
        this.deleteOnClose = deleteOnClose;
    }

    /** Nothing waits on a memory file; a file opened with {@code DELETE_ON_CLOSE} is deleted, if its path still names it. */
    @Override
    void release(List<Op> woken) {
        if (deleteOnClose != null && deleteOnClose.names(path, data)) {
            try {
                deleteOnClose.delete(path, true);
            } catch (Failed raced) {
                // Renamed or replaced meanwhile: nothing of this file is left to delete.
            }
        }
    }

    @Override
    public String toString() {
        return "memory file " + path + (isClosed() ? ", closed" : "");
    }
}
