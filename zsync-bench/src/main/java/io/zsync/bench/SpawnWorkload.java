package io.zsync.bench;

import io.zsync.Future;
import io.zsync.Io;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The spawn benchmark's workload and the {@link Spawner}s that run it, one per way of spawning. */
final class SpawnWorkload {

    private SpawnWorkload() {}

    /**
     * Task {@code index}'s result: small, so that boxing it hits the {@code Integer} cache, and
     * summed and checked, so that the JIT cannot drop the task.
     */
    static int work(int index) {
        return index & 0x7f;
    }

    /** What every spawner must return for {@code tasks} tasks. */
    static long expectedSum(int tasks) {
        long sum = 0;
        for (int i = 0; i < tasks; i++) {
            sum += work(i);
        }
        return sum;
    }

    /** {@code io.async} per task, then {@code await} each future. */
    static Spawner viaIo(Io io) {
        return tasks -> {
            List<Future<Integer, RuntimeException>> futures = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                int index = i;
                futures.add(io.async(() -> work(index)));
            }
            long sum = 0;
            for (Future<Integer, RuntimeException> f : futures) {
                sum += f.await();
            }
            return sum;
        };
    }

    /**
     * {@link #viaIo} run as a task of {@code io} itself: on an event loop, tasks spawned from a
     * task start on its loop, as Tokio's do when spawned from inside its runtime.
     */
    static Spawner viaIoInTask(Io io) {
        Spawner inside = viaIo(io);
        return tasks -> io.concurrent(() -> inside.spawnAndAwait(tasks)).await();
    }

    /** A virtual thread per task, then {@code join} each; results go through an array. */
    static long rawVirtualThreads(int tasks) throws InterruptedException {
        int[] results = new int[tasks];
        List<Thread> threads = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> results[index] = work(index)));
        }
        for (Thread t : threads) {
            t.join();
        }
        long sum = 0;
        for (int r : results) {
            sum += r;
        }
        return sum;
    }

    /** {@code CompletableFuture.supplyAsync} on the common pool per task, then {@code join} each. */
    static long completableFutures(int tasks) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int index = i;
            futures.add(CompletableFuture.supplyAsync(() -> work(index)));
        }
        long sum = 0;
        for (CompletableFuture<Integer> f : futures) {
            sum += f.join();
        }
        return sum;
    }
}
