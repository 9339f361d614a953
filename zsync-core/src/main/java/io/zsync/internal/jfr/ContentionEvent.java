package io.zsync.internal.jfr;

import io.zsync.internal.UserFrames;
import io.zsync.internal.UserFrames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * {@code io.zsync.Contention}: a task or thread waited on a synchronisation primitive (a mutex, a
 * queue, a semaphore, ...). Primitives have no names, so it names the primitive by its class and
 * where it was created (known for primitives created while this event was recorded), and says
 * where the waiter waited (its stack trace has the rest). By default only waits of 20 ms or more are recorded, as
 * for the JDK's {@code jdk.JavaMonitorEnter}.
 */
@Name("io.zsync.Contention")
@Label("Contention")
@Category("zsync")
@Description("A task or thread waited on a Mutex, RwLock, Semaphore, Queue, Condition or Event")
@StackTrace(true)
@Threshold("20 ms")
public final class ContentionEvent extends WaitEvent {

    private static final ContentionEvent PROBE = new ContentionEvent();

    @Label("Primitive")
    @Description("The class of the primitive waited on: Mutex, Queue, ...")
    String primitive;

    @Label("Primitive Id")
    @Description("The primitive's identity hash code: tells apart primitives created at one place")
    int primitiveId;

    @Label("Created At")
    @Description("Where the primitive was created, class.method(File.java:line); empty if it was created while this event was not recorded")
    String createdAt;

    @Label("Waited At")
    @Description("Where the waiter waited, class.method(File.java:line): the nearest frame outside zsync")
    String waitedAt;

    /** Whether this event is recorded now. */
    public static boolean recorded() {
        return PROBE.isEnabled();
    }

    /** A begun event, or {@code null} while this event is not recorded. */
    public static ContentionEvent beginIfRecorded() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        ContentionEvent event = new ContentionEvent();
        event.begin();
        return event;
    }

    /**
     * What was waited on: the primitive's class and identity hash code, and where it was created
     * ({@code null} if unknown); where the waiter waited is taken from the calling stack.
     */
    public void waitedOn(String primitiveClass, int identity, String created) {
        primitive = primitiveClass;
        primitiveId = identity;
        createdAt = created != null ? created : "";
        waitedAt = UserFrames.nearest(UserFrames.capture());
    }
}
