package io.zsync.internal.jfr;

import java.nio.channels.FileChannel;
import java.nio.channels.NetworkChannel;
import java.util.Locale;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * {@code io.zsync.IoOperation}: one read or write of a {@link io.zsync.io.Reader} or {@link io.zsync.io.Writer} hook on a
 * socket, file or channel, waits for readiness included. In-memory readers and writers record
 * none. By default only operations of 20 ms or more are recorded, as for the JDK's
 * {@code jdk.SocketRead}.
 */
@Name("io.zsync.IoOperation")
@Label("I/O Operation")
@Category("zsync")
@Description("One read, write or sendfile of a zsync Reader or Writer on a socket, file or channel")
@StackTrace(true)
@Threshold("20 ms")
public final class IoOperationEvent extends jdk.jfr.Event {

    private static final IoOperationEvent PROBE = new IoOperationEvent();

    @Label("Kind")
    @Description("read, write or sendfile")
    String kind;

    @Label("Target")
    @Description("socket, file or channel (or a custom reader's or writer's name)")
    String target;

    @Label("Bytes")
    @Description("Bytes moved; -1 for a read at end of stream")
    @DataAmount
    long bytes;

    /** A begun event, or {@code null} while this event is not recorded. */
    static IoOperationEvent beginIfRecorded() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        IoOperationEvent event = new IoOperationEvent();
        event.begin();
        return event;
    }

    /** Ends and records the operation, unless {@code target} is {@code null} (no I/O of its own). */
    public void finish(String kind, String target, long bytes) {
        end();
        if (target != null && shouldCommit()) {
            this.kind = kind;
            this.target = target;
            this.bytes = bytes;
            commit();
        }
    }

    /** What {@code channel} is: file, socket or channel. */
    public static String targetOf(Object channel) {
        return channel instanceof FileChannel ? "file" : channel instanceof NetworkChannel ? "socket" : "channel";
    }

    /** A target named after the class of a reader or writer: {@code SocketReader} is "socket". */
    public static String targetNamed(Class<?> type, String suffix) {
        String name = type.getSimpleName();
        if (name.endsWith(suffix) && name.length() > suffix.length()) {
            name = name.substring(0, name.length() - suffix.length());
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
