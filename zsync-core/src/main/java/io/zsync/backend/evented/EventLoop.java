package io.zsync.backend.evented;

import io.zsync.coroutine.CoroutineCarrier;
import io.zsync.spi.Job;
import io.zsync.spi.PoolStats;
import io.zsync.spi.Strand;
import io.zsync.spi.kit.StrandCarrier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One event loop: a carrier thread that runs the coroutines of its tasks, fires their deadlines
 * and waits for their channels, all on its own, so that none of its run queue, timers, selector
 * keys and strand pool needs a lock. Each turn it runs a bounded batch of ready strands and
 * commands, fires the timers that are due, then selects: without blocking if work is pending,
 * else until the next deadline, a channel is ready or another thread queues work.
 *
 * <p>Other threads reach a loop only through {@link #spawn}, {@link #submit} and (via a strand's
 * unpark) {@link #schedule}: each is safe from any thread, and whatever the caller did before
 * happens-before the loop runs what it queued. Such a caller wakes the selector only if the loop
 * sleeps in it (or is about to), so a busy loop is never interrupted.
 *
 * <p>Interrupts: while a task runs, the loop thread's interrupt status is that task's (see
 * {@link EventedStrand#step()}): an interrupt its code sets is a request to cancel it, taken at its
 * next wait, as on a thread of its own. An interrupt from another thread reaching the loop while it
 * selects or runs no task is cleared before the next selection and means nothing else (cancel a
 * task through its future); one that lands while a task runs cannot be told apart, and is that task's.
 */
final class EventLoop extends CoroutineCarrier implements StrandCarrier {

    /**
     * Receives the readiness of a channel registered with a loop's selector: the attachment of
     * every key of that selector. Called on the loop thread only.
     */
    interface Handler {

        /** The key's channel is ready for some of its interest set. */
        void selected(SelectionKey key);

        /** The loop ended: whoever waits on the channel must be woken to find that out. */
        void loopEnded();
    }

    /** Runs at most this many items per turn, so that timers and I/O are served under a flood of work. */
    private static final int BATCH = 256;
    /** For a selection that is only meant to deregister canceled keys: readiness comes again next time. */
    private static final Consumer<SelectionKey> IGNORE = key -> {};

    final TimerHeap timers = new TimerHeap();
    final Selector selector;
    /** The backend this loop belongs to, so that it can tell its own loops from another's. */
    final EventedBackend owner;
    /** How long to wait with nothing to wait for before telling the owner this loop is stalled; 0: never. */
    private final long stallMillis;
    private final RunQueue runQueue = new RunQueue();
    /** The loop's strands, idle and live: its pool of coroutine frames. */
    private final FramePool frames = new FramePool(this);
    /** Set while the loop blocks (or is about to block) in select: a foreign queuer must wake it. */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    /** Set while the loop blocks in select with no work queued, no timer armed and no channel registered. */
    private volatile boolean quiet;
    /** Counts the turns that ran something: a stall is reported again only after progress. */
    private volatile long progress;
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    private volatile boolean stopping;
    private volatile boolean ended;
    /** The strand whose coroutine runs now, or {@code null}. */
    private EventedStrand running;
    /** Inside a selection: a nested one would corrupt it. */
    private boolean selecting;
    /** A channel was closed inside a selection: deregister its key right after. */
    private boolean deregisterAfterSelect;

    /**
     * A loop, not started yet.
     *
     * @throws UncheckedIOException if no selector can be opened
     */
    EventLoop(EventedBackend owner, String name, long stallMillis) {
        super(null, name);
        this.owner = owner;
        this.stallMillis = stallMillis;
        setDaemon(true);
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for event loop " + name, e);
        }
    }

    /** The loop the calling thread runs, or {@code null} if it is not a loop thread. */
    static EventLoop current() {
        return Thread.currentThread() instanceof EventLoop loop ? loop : null;
    }

    /** The strand of the task running on the calling loop thread now, or {@code null}. */
    static EventedStrand currentStrand() {
        EventLoop loop = current();
        return loop == null ? null : loop.running;
    }

    /** The strand whose task runs on this loop now, or {@code null}: how any backend finds the task calling it. */
    @Override
    public Strand runningStrand() {
        return running;
    }

    /**
     * Starts {@code job} as a new task on this loop. Any thread.
     *
     * @return {@code true} if the loop takes the job: it runs it, or abandons it as it ends;
     *         {@code false} if the loop had ended, and the job is not started
     */
    boolean spawn(Job job) {
        if (Thread.currentThread() == this) {
            EventedStrand strand = frames.take();
            strand.assign(job);
            runQueue.pushLocal(strand);
            return true;
        }
        // The pool is the loop's alone: a foreign thread makes a new strand, which the loop recycles.
        EventedStrand strand = frames.newStrand();
        strand.assign(job);
        pushForeign(strand);
        // end() marks the loop ended, then takes what is queued: a strand it did not take is still ours.
        return !ended || !runQueue.removeForeign(strand);
    }

    /** Queues {@code strand} to start or continue. Any thread. */
    void schedule(EventedStrand strand) {
        if (Thread.currentThread() == this) {
            runQueue.pushLocal(strand);
        } else {
            pushForeign(strand);
        }
    }

    /**
     * Runs {@code command} on this loop, soon; from the loop itself, after what it has queued.
     * Any thread. Commands still queued when the loop ends run as it ends, when {@link #hasEnded()}
     * is already true; a command queued later never runs: a caller that must know re-checks
     * {@link #hasEnded()} after this returns.
     */
    void submit(Runnable command) {
        if (Thread.currentThread() == this) {
            runQueue.pushLocal(command);
        } else {
            pushForeign(command);
        }
    }

    /** Whether the loop has ended, or is ending and running its last commands. Any thread. */
    boolean hasEnded() {
        return ended;
    }

    /**
     * Makes the keys of channels closed since the last selection release their descriptors now, as
     * a selection does. Loop thread only; inside a readiness callback, it happens right after the
     * callbacks instead.
     */
    void deregisterClosedKeys() {
        if (selecting) {
            deregisterAfterSelect = true;
            return;
        }
        try {
            selector.selectNow(IGNORE);
        } catch (IOException | ClosedSelectorException e) {
            // The selector is broken or closed: closing it releases every key.
        }
    }

    /** Asks the loop to end after the step it runs now; does not wait. Any thread. */
    void shutdown() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                runBatch();
                timers.expire(System.nanoTime());
                select();
            }
        } catch (IOException | ClosedSelectorException e) {
            report(e); // nothing can be watched any more: end, and wake every waiter
        } finally {
            end();
        }
    }

    /** Steps {@code strand}'s task and files the strand by the outcome; loop thread only. */
    void step(EventedStrand strand) {
        frames.stepping(strand);
        boolean taskEnded;
        running = strand;
        try {
            taskEnded = strand.step();
        } catch (RuntimeException | Error e) {
            // A broken protocol (code that was not woven, a corrupt frame): the task's outcome is what
            // it recorded; publish that rather than leave its awaiters waiting forever.
            report(e);
            taskEnded = true;
        } finally {
            running = null;
        }
        if (!taskEnded) {
            strand.suspended();
            return;
        }
        Job job = strand.job();
        // Free before publishing, as Backend.tryStart asks: an awaiter that starts a task now may get this strand.
        frames.ended(strand);
        job.publish();
    }

    /**
     * The strands running tasks on this loop now. Any thread: from another thread than the loop's,
     * a best-effort snapshot (a strand may be missing or ended already).
     */
    List<EventedStrand> liveStrands() {
        return frames.live();
    }

    /** Whether {@code strand}'s task runs on this loop's thread at this moment. Any thread, racy. */
    boolean isRunning(EventedStrand strand) {
        return running == strand;
    }

    /**
     * The loop's pool of coroutine frames (idle strands): its size, the strands running tasks, the
     * most at once, and the strands made because none was idle. Any thread; racy but each number whole.
     */
    PoolStats framePool() {
        return frames.stats();
    }

    private void pushForeign(Runnable item) {
        runQueue.pushForeign(item);
        // Pairs with select(): it sets the flag, then looks at the queue; this queues, then looks at the flag.
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    /** Whether the loop blocks now with nothing to wait for: no work, timer or channel. Any thread, racy. */
    boolean isQuiet() {
        return quiet;
    }

    /** Whether another thread has queued work for this loop that it has not taken yet. Any thread. */
    boolean hasForeignWork() {
        return runQueue.hasForeign();
    }

    /** How many turns of this loop ran something. Any thread. */
    long progress() {
        return progress;
    }

    private void runBatch() {
        runQueue.takeForeign();
        for (int i = 0; i < BATCH; i++) {
            Runnable item = runQueue.poll();
            if (item == null) {
                if (i > 0) {
                    progress++; // only this thread writes it
                }
                return;
            }
            runSafely(item);
        }
        progress++;
    }

    private void select() throws IOException {
        // Tasks keep their own interrupts (see EventedStrand.step); one from outside them means
        // nothing to the loop, and left set it would make every selection return at once.
        Thread.interrupted();
        selecting = true;
        try {
            if (runQueue.hasLocal() || !timersWait()) {
                selector.selectNow(dispatch);
            } else {
                sleeping.set(true);
                if (runQueue.hasForeign() || stopping) {
                    selector.selectNow(dispatch);
                } else if (hasNothingToWaitFor()) {
                    selectWhileQuiet();
                } else {
                    selector.select(dispatch, selectMillis());
                }
                sleeping.set(false);
            }
        } finally {
            selecting = false;
        }
        if (deregisterAfterSelect) {
            deregisterAfterSelect = false;
            deregisterClosedKeys();
        }
    }

    /** No timer is armed and no channel registered: only another thread can give this loop work. */
    private boolean hasNothingToWaitFor() {
        return timers.nextDeadline() == Long.MAX_VALUE && selector.keys().isEmpty();
    }

    /**
     * Blocks until another thread queues work; if tasks are live here and nothing came for
     * {@code stallMillis}, tells the owner, which may find every loop stalled: a deadlock, unless
     * a thread outside the backend wakes a task later.
     */
    private void selectWhileQuiet() throws IOException {
        boolean watch = stallMillis > 0 && frames.hasLive();
        quiet = true;
        try {
            int ready = selector.select(dispatch, watch ? stallMillis : 0);
            if (watch && ready == 0 && !isInterrupted() && !runQueue.hasForeign() && !stopping && hasNothingToWaitFor()) {
                owner.loopStalled(this);
            }
        } finally {
            quiet = false;
        }
    }

    /** Whether the next deadline, if any, is far enough to block for. */
    private boolean timersWait() {
        long next = timers.nextDeadline();
        return next == Long.MAX_VALUE || next - System.nanoTime() > 0;
    }

    /** How long to block: 0 (no limit) without timers; else to the next deadline, rounded up, so as not to wake before it. */
    private long selectMillis() {
        long next = timers.nextDeadline();
        if (next == Long.MAX_VALUE) {
            return 0;
        }
        long nanos = Math.max(0, next - System.nanoTime());
        return Math.max(1, Math.ceilDiv(nanos, TimeUnit.MILLISECONDS.toNanos(1)));
    }

    private void dispatch(SelectionKey key) {
        try {
            ((Handler) key.attachment()).selected(key);
        } catch (RuntimeException | Error e) {
            report(e);
        }
    }

    private void runSafely(Runnable item) {
        try {
            item.run();
        } catch (RuntimeException | Error e) {
            report(e);
        }
    }

    /**
     * Ends the loop: wakes whoever waits on its channels, runs the commands still queued (strands
     * are dropped: suspended tasks are abandoned, and told so), and closes the selector, which
     * releases every channel still registered.
     */
    private void end() {
        ended = true;
        try {
            for (EventedStrand strand : liveStrands()) {
                strand.job().abandoned();
            }
            if (selector.isOpen()) {
                for (SelectionKey key : selector.keys()) {
                    ((Handler) key.attachment()).loopEnded();
                }
            }
            runQueue.takeForeign();
            for (Runnable item = runQueue.poll(); item != null; item = runQueue.poll()) {
                if (!(item instanceof EventedStrand strand)) {
                    runSafely(item);
                } else if (strand.liveIndex() < 0) {
                    strand.job().abandoned(); // queued to start, never started
                }
            }
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                // Closing releases the keys whatever it reports; nothing is left to tell.
            }
        }
    }

    /** A failure no caller can receive: the thread's uncaught-exception handler reports it, and the loop runs on. */
    private void report(Throwable failure) {
        getUncaughtExceptionHandler().uncaughtException(this, failure);
    }
}
