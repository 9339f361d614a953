package io.zsync.bench;

/**
 * One way of running the spawn benchmark's workload: start {@code tasks} trivial tasks, task
 * {@code i} computing {@link SpawnWorkload#work(int) work(i)}, keeping every handle, then await
 * them all and sum their results.
 */
@FunctionalInterface
interface Spawner {

    /**
     * Runs the workload and returns the sum of the tasks' results. Suspendable: the evented
     * contender runs it inside a task, where its awaits suspend.
     */
    @io.zsync.coroutine.Suspendable
    long spawnAndAwait(int tasks) throws InterruptedException;
}
