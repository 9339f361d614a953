package io.zsync;

import jdk.jfr.FlightRecorder;

/**
 * Emits the task events ({@code io.zsync.TaskSpawn}, {@code TaskRun}, {@code TaskCancel}). Each
 * method first asks whether its event is recorded, so that without a recording a task pays a
 * check and allocates nothing.
 */
final class TaskEvents {

    private TaskEvents() {}

    /**
     * Whether JFR's recorder has started in this JVM. Until it has, no zsync event class is even
     * loaded: loading the first one starts JFR's machinery, which costs tens of milliseconds.
     */
    static boolean recorderUp() {
        return FlightRecorder.isInitialized();
    }

    /** The probes, loaded with the event classes once the recorder is up. */
    private static final class Probes {
        static final TaskSpawnEvent SPAWN = new TaskSpawnEvent();
        static final TaskRunEvent RUN = new TaskRunEvent();
        static final TaskCancelEvent CANCEL = new TaskCancelEvent();
    }

    /** The id of {@code task} in events, or 0 for none (a plain thread). */
    static long idOf(Future<?, ?> task) {
        return task == null ? 0 : task.trace().id();
    }

    /** {@code task} was just made by {@code parent} (or a plain thread), before it starts. */
    static void spawned(Future<?, ?> task, Future<?, ?> parent, boolean concurrent, String backend) {
        if (!recorderUp() || !Probes.SPAWN.isEnabled()) {
            return;
        }
        TaskSpawnEvent event = new TaskSpawnEvent();
        if (event.shouldCommit()) {
            SpawnTrace trace = task.trace();
            event.taskId = trace.id();
            event.parentTaskId = idOf(parent);
            event.spawnSite = UserFrames.nearest(trace.site() != null ? trace.site() : UserFrames.capture());
            event.concurrent = concurrent;
            event.backend = backend;
            event.commit();
        }
    }

    /** {@code task} starts running on its own strand. */
    static void runStarted(Future<?, ?> task) {
        if (recorderUp() && Probes.RUN.isEnabled()) {
            TaskRunEvent event = new TaskRunEvent();
            event.begin();
            task.trace().run = event;
        }
    }

    /** {@code task}, whose {@code trace} may be {@code null}, ended on its own strand with {@code failure} or none. */
    static void runEnded(SpawnTrace trace, Throwable failure) {
        if (trace == null || trace.run == null) {
            return;
        }
        TaskRunEvent event = trace.run;
        trace.run = null;
        event.end();
        if (event.shouldCommit()) {
            event.taskId = trace.id();
            event.outcome = failure == null ? "done" : failure instanceof CanceledException ? "canceled" : "failed";
            event.commit();
        }
    }

    /** The first cancellation request reached {@code task}, which has not ended; {@code runtime} tells who asked. */
    static void cancelRequested(Future<?, ?> task, CoreIo runtime) {
        if (!recorderUp() || !Probes.CANCEL.isEnabled()) {
            return;
        }
        TaskCancelEvent event = new TaskCancelEvent();
        if (event.shouldCommit()) {
            event.taskId = idOf(task);
            event.requesterTaskId = idOf(runtime.currentTask());
            event.commit();
        }
    }
}
