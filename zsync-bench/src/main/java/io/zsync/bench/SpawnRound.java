package io.zsync.bench;

import io.zsync.coroutine.NeverSuspends;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** One contender of the spawn bench: runs the workload once and times it. */
@FunctionalInterface
interface SpawnRound {

    /**
     * Runs {@code tasks} tasks once.
     *
     * @param expectedSum what the tasks' results must add up to
     * @return the time per task, with a note for the progress line
     * @throws IllegalStateException if the results did not add up: a task was lost or ran twice
     * @throws IOException if a contender in another process failed
     */
    @NeverSuspends // the bench's driver thread runs each round
    Timing run(int tasks, long expectedSum) throws InterruptedException, IOException;

    /** The time per task of one run, and what a reader of the progress line should know about it. */
    record Timing(double nsPerTask, String note) {}

    /**
     * A contender in this JVM, timed here after a garbage collection, whose note says how much of
     * the run was spent in GC (a collection inside the timed run can dominate it).
     */
    static SpawnRound inProcess(String name, Spawner spawner) {
        return (tasks, expectedSum) -> {
            System.gc();
            long gcBefore = gcMillis();
            long start = System.nanoTime();
            long sum = spawner.spawnAndAwait(tasks);
            long elapsed = System.nanoTime() - start;
            long gc = gcMillis() - gcBefore;
            if (sum != expectedSum) {
                throw new IllegalStateException(name + ": the tasks' results summed to " + sum + ", not "
                        + expectedSum + ": a task was lost or ran twice");
            }
            return new Timing((double) elapsed / tasks, gc > 0 ? "  (of which " + gc + " ms in GC)" : "");
        };
    }

    /** Milliseconds spent in garbage collection so far, over every collector. */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
