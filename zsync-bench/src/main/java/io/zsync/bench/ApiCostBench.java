package io.zsync.bench;

import io.zsync.Io;
import io.zsync.Mutex;
import io.zsync.Queue;
import io.zsync.QueueClosedException;
import io.zsync.coroutine.Suspendable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * What three conveniences cost against the code a user wrote before them, in ns per operation
 * (lower is better), inside one task of each backend named on the command line (default: every
 * installed one), so that on {@code evented} they run woven, as coroutines:
 *
 * <ul>
 *   <li>{@code withTimeout}: {@code io.withTimeout(1 min, body)} against {@code body} called
 *       directly; the body is one cancellation point ({@code io.checkCancel()}) and an addition;
 *   <li>{@code withLock}: {@code mutex.withLock(body)} against {@code lock(); try body finally
 *       unlock()}, uncontended;
 *   <li>{@code forEach}: draining a closed queue of 64 elements with {@code queue.forEach}
 *       against {@code while (true) get()} ended by {@code QueueClosedException} (the queue is
 *       filled and closed first: neither waits).
 * </ul>
 *
 * The two sides of each pair take turns: a warm-up round each, then {@code rounds} measured
 * rounds each (5 unless given). Printed: the lowest and highest ns/op of each side and the ratio of
 * their medians. Run: {@code java -cp <core, coroutine and bench classes>
 * io.zsync.bench.ApiCostBench [rounds [backend...]]}.
 */
public final class ApiCostBench {

    private static final int OPS = 1 << 20;
    private static final int QUEUE = 64;
    /** What every round of every side adds up: 0 + 1 + ... + OPS - 1. */
    private static final long CHECKSUM = (long) OPS * (OPS - 1) / 2;

    private ApiCostBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> backends = args.length > 1 ? List.of(args).subList(1, args.length) : Io.backends();
        for (String backend : backends) {
            try (Io io = Io.open(backend)) {
                io.async(() -> measure(io, backend, rounds)).await();
            }
        }
    }

    private static void measure(Io io, String backend, int rounds) throws TimeoutException {
        Mutex mutex = io.mutex();
        List<Pair> pairs = List.of(
                new Pair("withTimeout", () -> withTimeout(io), () -> direct(io)),
                new Pair("withLock", () -> withLock(mutex), () -> lockTryFinally(mutex)),
                new Pair("forEach", () -> forEach(io), () -> getUntilClosed(io)));
        for (Pair p : pairs) {
            p.round(false);
        }
        for (int r = 0; r < rounds; r++) {
            for (Pair p : pairs) {
                p.round(true);
            }
        }
        for (Pair p : pairs) {
            System.out.printf(Locale.ROOT, "%-9s %-12s %7.1f - %7.1f ns/op, before %7.1f - %7.1f ns/op: %.2fx%n",
                    backend, p.name, p.api.getFirst(), p.api.getLast(), p.before.getFirst(), p.before.getLast(),
                    median(p.api) / median(p.before));
        }
    }

    private static long withTimeout(Io io) throws TimeoutException {
        long sum = 0;
        for (int i = 0; i < OPS; i++) {
            int n = i;
            sum += io.withTimeout(Duration.ofMinutes(1), () -> body(io, n));
        }
        return sum;
    }

    private static long direct(Io io) {
        long sum = 0;
        for (int i = 0; i < OPS; i++) {
            sum += body(io, i);
        }
        return sum;
    }

    private static long body(Io io, int n) {
        io.checkCancel();
        return n;
    }

    private static long withLock(Mutex mutex) {
        long sum = 0;
        for (int i = 0; i < OPS; i++) {
            int n = i;
            sum += mutex.withLock(() -> (long) n);
        }
        return sum;
    }

    private static long lockTryFinally(Mutex mutex) {
        long sum = 0;
        for (int i = 0; i < OPS; i++) {
            mutex.lock();
            try {
                sum += i;
            } finally {
                mutex.unlock();
            }
        }
        return sum;
    }

    private static long forEach(Io io) {
        long[] sum = {0};
        for (int base = 0; base < OPS; base += QUEUE) {
            filledAndClosed(io, base).forEach(n -> sum[0] += n);
        }
        return sum[0];
    }

    private static long getUntilClosed(Io io) {
        long sum = 0;
        for (int base = 0; base < OPS; base += QUEUE) {
            Queue<Integer> queue = filledAndClosed(io, base);
            try {
                while (true) {
                    sum += queue.get();
                }
            } catch (QueueClosedException drained) {
                // the end of this queue
            }
        }
        return sum;
    }

    private static Queue<Integer> filledAndClosed(Io io, int base) {
        Queue<Integer> queue = io.queue(QUEUE);
        for (int n = base; n < base + QUEUE; n++) {
            queue.put(n);
        }
        queue.close();
        return queue;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * A round of one side, task code (it runs in a task, so on evented it is woven); it returns
     * what it added up, so that its work is neither skipped nor wrong.
     */
    @FunctionalInterface
    private interface Run {
        @Suspendable
        long run() throws TimeoutException;
    }

    /** A convenience and the code it replaces, measured in turns; each list kept sorted. */
    private static final class Pair {
        final String name;
        final Run apiRun;
        final Run beforeRun;
        final List<Double> api = new ArrayList<>();
        final List<Double> before = new ArrayList<>();

        Pair(String name, Run apiRun, Run beforeRun) {
            this.name = name;
            this.apiRun = apiRun;
            this.beforeRun = beforeRun;
        }

        void round(boolean measured) throws TimeoutException {
            double a = nanosPerOp(apiRun);
            double b = nanosPerOp(beforeRun);
            if (measured) {
                api.add(a);
                before.add(b);
                Collections.sort(api);
                Collections.sort(before);
            }
        }

        private double nanosPerOp(Run run) throws TimeoutException {
            long begin = System.nanoTime();
            long sum = run.run();
            long nanos = System.nanoTime() - begin;
            if (sum != CHECKSUM) {
                throw new AssertionError(name + " added up " + sum + ", not " + CHECKSUM);
            }
            return (double) nanos / OPS;
        }
    }
}
