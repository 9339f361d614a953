package io.zsync;

import io.zsync.diagnostics.Leaks;
import io.zsync.internal.Access;
import io.zsync.internal.LeakRegistry;
import io.zsync.internal.SpawnTrace;
import io.zsync.spi.Backend;
import java.util.List;

/**
 * The core's side of {@link Access}, the door the runtime's other packages go through instead of
 * reaching into {@link CoreIo} and {@link Future}. Registers itself as it initialises, which
 * {@link Access#core()} brings about.
 */
final class CoreAccess implements Access.Core {

    static {
        Access.register(new CoreAccess());
    }

    private CoreAccess() {}

    @Override
    public Backend backendOf(Io io, String what) {
        return CoreIo.of(io, what).backend();
    }

    @Override
    public Leaks.Level leakLevelOf(Io io) {
        return io instanceof CoreIo core ? core.leakLevel() : LeakRegistry.level();
    }

    @Override
    public SpawnTrace currentTrace(Io io) {
        Future<?, ?> task = io instanceof CoreIo core ? core.currentTask() : null;
        return task == null ? null : task.trace();
    }

    @Override
    public List<StackTraceElement> spawnChainOf(Object strandAttachment) {
        return strandAttachment instanceof Future<?, ?> future ? future.spawnChain() : null;
    }

    @Override
    public AsyncStackTrace asyncStackTrace(String message, StackTraceElement[] site, AsyncStackTrace spawner) {
        return new AsyncStackTrace(message, site, spawner);
    }
}
