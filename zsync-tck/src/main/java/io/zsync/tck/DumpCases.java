package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Mutex;
import io.zsync.Queue;
import io.zsync.diagnostics.TaskDump;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Task dumps: every live task, where it waits, and where it was spawned. */
final class DumpCases {

    private DumpCases() {}

    static List<Case> cases() {
        String area = "dump";
        return List.of(
                Case.concurrent(area, "dump: tasks waiting on a queue, a mutex and a sleep are listed with the file:line of each wait", io -> {
                    Queue<String> queue = io.queue(1);
                    Mutex mutex = io.mutex();
                    mutex.lock();
                    int queueLine = lineHere(); Future<String, RuntimeException> taking = io.concurrent(() -> queue.get());
                    int mutexLine = lineHere(); Future<Void, RuntimeException> locking = io.concurrent(() -> { mutex.lock(); mutex.unlock(); });
                    int sleepLine = lineHere(); Future<Void, RuntimeException> sleeping = io.concurrent(() -> io.sleep(Duration.ofHours(1)));
                    Map<String, TaskDump.Task> byWait = untilWaiting(io, 3);

                    assertWaitsAt(byWait, "Queue.get", queueLine);
                    assertWaitsAt(byWait, "Mutex.lock", mutexLine);
                    assertWaitsAt(byWait, "Io.sleep", sleepLine);
                    String text = TaskDump.of(io).toString();
                    assertTrue(text.contains("waiting in Queue.get at " + DumpCases.class.getName()), text);

                    sleeping.close();
                    taking.close();
                    mutex.unlock();
                    locking.await();
                }),
                Case.concurrent(area, "dump: a task taking a dump is listed as running, not as waiting in TaskDump.of", io -> {
                    List<TaskDump.Task> seen = io.concurrent(() -> {
                        io.sleep(Duration.ofMillis(1)); // thread backends list a task once it has waited
                        return TaskDump.of(io).tasks();
                    }).await();
                    int running = 0;
                    for (TaskDump.Task task : seen) {
                        assertNotEquals("TaskDump.of", task.waitingIn(), seen::toString);
                        running += task.isWaiting() ? 0 : 1;
                    }
                    assertEquals(1, running, seen::toString);
                }),
                Case.concurrent(area, "dump: a task that ended is no longer listed", io -> {
                    io.concurrent(() -> 1).await();
                    assertEquals(List.of(), TaskDump.of(io).tasks());
                }).onThreadOnly("inside a task the dump may list the task that runs the case: thread backends list a task once it has waited"));
    }

    private static void assertWaitsAt(Map<String, TaskDump.Task> byWait, String operation, int line) {
        TaskDump.Task task = byWait.get(operation);
        assertNotNull(task, "no task waits in " + operation + ": " + byWait.keySet());
        assertEquals(DumpCases.class.getSimpleName() + ".java:" + line,
                task.at().getFileName() + ":" + task.at().getLineNumber(), operation + ": where the task waits");
        assertEquals(line, task.spawnChain().get(0).getLineNumber(), operation + ": where the task was spawned");
    }

    /**
     * Dumps until {@code count} tasks wait in zsync operations; the suite's hang guard bounds it. It
     * yields as it polls, so that the tasks run meanwhile even where they share a loop thread with
     * the caller.
     */
    private static Map<String, TaskDump.Task> untilWaiting(Io io, int count) {
        while (true) {
            List<TaskDump.Task> waiting = TaskDump.of(io).tasks().stream().filter(TaskDump.Task::isWaiting).toList();
            if (waiting.size() == count) {
                return waiting.stream().collect(Collectors.toMap(TaskDump.Task::waitingIn, t -> t));
            }
            io.yieldNow();
        }
    }

    /** The line of the call to this method. */
    private static int lineHere() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
    }
}
