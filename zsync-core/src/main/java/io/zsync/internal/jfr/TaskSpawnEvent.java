package io.zsync.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code io.zsync.TaskSpawn}: a task was spawned. Its stack trace is the spawn site; the ids link
 * each task to its parent, so spawn chains can be rebuilt. Off by default, as the JDK's
 * {@code jdk.VirtualThreadStart} is: a busy server spawns too many tasks to record each always.
 */
@Name("io.zsync.TaskSpawn")
@Label("Task Spawn")
@Category("zsync")
@Description("A task was spawned by io.async, io.concurrent, a group or a select")
@Enabled(false)
@StackTrace(true)
final class TaskSpawnEvent extends jdk.jfr.Event {

    @Label("Task Id")
    @Description("The spawned task: the same id in its TaskRun, TaskCancel, Await and Contention events")
    long taskId;

    @Label("Parent Task Id")
    @Description("The task that spawned it, or 0 for a plain thread")
    long parentTaskId;

    @Label("Spawn Site")
    @Description("The nearest frame of the spawning code outside zsync: class.method(File.java:line)")
    String spawnSite;

    @Label("Concurrent")
    @Description("Whether it was spawned with concurrent (must run alongside) rather than async")
    boolean concurrent;

    @Label("Backend")
    String backend;
}
