package io.zsync.internal.jfr;

import io.zsync.CanceledException;
import io.zsync.internal.UserFrames;
import jdk.jfr.FlightRecorder;

/**
 * Emits the task events ({@code io.zsync.TaskSpawn}, {@code TaskRun}, {@code TaskCancel}) from
 * plain values: task ids (0 for a plain thread), spawn sites, outcomes. Each event has a check the
 * core makes first ({@link #spawnRecorded()}, {@link #runStarted()}, {@link #cancelRecorded()}),
 * so that without a recording a task pays a check and allocates nothing, not even its id.
 */
public final class TaskEvents {

    private TaskEvents() {}

    /**
     * Whether JFR's recorder has started in this JVM. Until it has, no zsync event class is even
     * loaded: loading the first one starts JFR's machinery, which costs tens of milliseconds.
     */
    public static boolean recorderUp() {
        return FlightRecorder.isInitialized();
    }

    /** The probes, loaded with the event classes once the recorder is up. */
    private static final class Probes {
        static final TaskSpawnEvent SPAWN = new TaskSpawnEvent();
        static final TaskRunEvent RUN = new TaskRunEvent();
        static final TaskCancelEvent CANCEL = new TaskCancelEvent();
    }

    /** Whether {@code io.zsync.TaskSpawn} is recorded now: then tell each spawn to {@link #spawned}. */
    public static boolean spawnRecorded() {
        return recorderUp() && Probes.SPAWN.isEnabled();
    }

    /**
     * The task {@code taskId} was just made by {@code parentTaskId} (0 for a plain thread), before it
     * starts; {@code spawnSite} is its captured spawn site, or {@code null} to capture the caller's now.
     */
    public static void spawned(long taskId, long parentTaskId, StackTraceElement[] spawnSite, boolean concurrent,
            String backend) {
        TaskSpawnEvent event = new TaskSpawnEvent();
        if (event.shouldCommit()) {
            event.taskId = taskId;
            event.parentTaskId = parentTaskId;
            event.spawnSite = UserFrames.nearest(spawnSite != null ? spawnSite : UserFrames.capture());
            event.concurrent = concurrent;
            event.backend = backend;
            event.commit();
        }
    }

    /**
     * A task starts running on its own strand: its run event, begun, to hand to {@link #runEnded}
     * when it ends; {@code null} while {@code io.zsync.TaskRun} is not recorded.
     */
    public static TaskRunEvent runStarted() {
        if (recorderUp() && Probes.RUN.isEnabled()) {
            TaskRunEvent event = new TaskRunEvent();
            event.begin();
            return event;
        }
        return null;
    }

    /** The task {@code taskId}, whose run began {@code event}, ended on its own strand with {@code failure} or none. */
    public static void runEnded(TaskRunEvent event, long taskId, Throwable failure) {
        event.end();
        if (event.shouldCommit()) {
            event.taskId = taskId;
            event.outcome = failure == null ? "done" : failure instanceof CanceledException ? "canceled" : "failed";
            event.commit();
        }
    }

    /** Whether {@code io.zsync.TaskCancel} is recorded now: then tell each first request to {@link #cancelRequested}. */
    public static boolean cancelRecorded() {
        return recorderUp() && Probes.CANCEL.isEnabled();
    }

    /** The first cancellation request reached the task {@code taskId}, which has not ended; {@code requesterTaskId} asked. */
    public static void cancelRequested(long taskId, long requesterTaskId) {
        TaskCancelEvent event = new TaskCancelEvent();
        if (event.shouldCommit()) {
            event.taskId = taskId;
            event.requesterTaskId = requesterTaskId;
            event.commit();
        }
    }
}
