package io.zsync.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code io.zsync.TaskRun}: a task ran, from its start to its end, suspensions included. Off by
 * default, like {@link TaskSpawnEvent}.
 */
@Name("io.zsync.TaskRun")
@Label("Task Run")
@Category("zsync")
@Description("A task ran from its start to its end (waits and suspensions included)")
@Enabled(false)
@StackTrace(false)
public final class TaskRunEvent extends jdk.jfr.Event {

    @Label("Task Id")
    long taskId;

    @Label("Outcome")
    @Description("done, failed or canceled")
    String outcome;
}
