package io.zsync.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code io.zsync.TaskCancel}: cancellation of a running task was requested, once per task. Its
 * stack trace is where the request came from.
 */
@Name("io.zsync.TaskCancel")
@Label("Task Cancel")
@Category("zsync")
@Description("Cancellation of a running task was requested (the first request only)")
@StackTrace(true)
final class TaskCancelEvent extends jdk.jfr.Event {

    @Label("Task Id")
    @Description("The task asked to cancel")
    long taskId;

    @Label("Requester Task Id")
    @Description("The task that asked, or 0 for a plain thread")
    long requesterTaskId;
}
