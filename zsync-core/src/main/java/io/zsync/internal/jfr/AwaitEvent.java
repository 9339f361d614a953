package io.zsync.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * {@code io.zsync.Await}: a task or thread waited for a future, a group or a select (only waits
 * that had to wait). Its stack trace is where the wait was. By default only waits of 20 ms or
 * more are recorded, as for the JDK's {@code jdk.JavaMonitorWait}.
 */
@Name("io.zsync.Await")
@Label("Await")
@Category("zsync")
@Description("A task or thread waited for a future (await or cancel), a group or a select")
@StackTrace(true)
@Threshold("20 ms")
public final class AwaitEvent extends WaitEvent {

    private static final AwaitEvent PROBE = new AwaitEvent();

    @Label("Awaited")
    @Description("Future, Group or Select")
    String awaited;

    @Label("Awaited Task Id")
    @Description("The task of the awaited future, or 0 for a group or a select")
    long awaitedTaskId;

    /** A begun event, or {@code null} while this event is not recorded. */
    public static AwaitEvent beginIfRecorded() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        AwaitEvent event = new AwaitEvent();
        event.begin();
        return event;
    }

    /** What was awaited: {@code Future} and its task's id, or {@code Group} or {@code Select} and 0. */
    public void awaited(String what, long taskId) {
        awaited = what;
        awaitedTaskId = taskId;
    }
}
