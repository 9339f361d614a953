package io.zsync.backend.evented;

import io.zsync.coroutine.Coroutine;
import io.zsync.spi.Job;
import io.zsync.spi.Strand;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The strand of one task on an event loop: a stackless {@link Coroutine} that parks by
 * suspending, so that the loop's thread runs other tasks meanwhile. It is the leaf of the
 * coroutine protocol: woven code calls {@link #park} exactly as it would park a thread.
 *
 * <p>{@link #unpark()} is safe from any thread, and whatever the unparking thread did before it
 * happens-before the strand continues. Everything else runs on the strand's loop thread. A strand
 * is reused for task after task: an unpark meant for the task it ran before wakes the current one
 * spuriously, which {@link Strand} allows.
 *
 * <p>Exactly one resume per suspension: the unparkers and the deadline race on one atomic state,
 * and only the one that moves it from {@code SUSPENDED} to {@code SCHEDULED} queues the strand.
 */
final class EventedStrand extends Strand implements Runnable, TimerHeap.Timer {

    /** Runs (or is queued to start) a task, with no unpark pending. */
    private static final byte RUNNING = 0;
    /** Runs a task and was unparked since its last park: its next park returns at once. */
    private static final byte PERMIT = 1;
    /** Suspended in {@link #park}, waiting for an unpark or its deadline. */
    private static final byte SUSPENDED = 2;
    /** Unparked or past its deadline while suspended, and queued on its loop to continue. */
    private static final byte SCHEDULED = 3;
    /** Runs no task: pooled, or new. */
    private static final byte IDLE = 4;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(EventedStrand.class, "state", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventLoop loop;
    private final Coroutine coroutine = new Coroutine();
    /**
     * The step entry of every strand: a call to the task of the strand the loop steps, in which the
     * coroutine saves and restores frames. One for all, since a suspended task costs every byte it holds.
     */
    private static final Coroutine.Entry RUN_CURRENT_TASK = EventedStrand::runCurrentTask;

    // Field sizes are chosen so that a strand is 40 bytes: a suspended task holds one.
    private volatile byte state = IDLE;
    /** Where this strand's deadline sits in its loop's timers, or -1 when none is armed. Loop thread only. */
    private int heapIndex = -1;
    /** The task; set before the strand is first queued, read on the loop. */
    private Job job;
    /** The coroutine's generation when it suspended: the resume names it. Loop thread only. */
    private char suspendedGeneration;
    /** Where this strand sits in its loop's live strands, or -1 when it runs no task. Loop thread only. */
    private int liveIndex = -1;
    /** The task's interrupt status while it is suspended, given back when it runs on. Loop thread only. */
    private boolean interrupted;

    /** A strand for tasks on {@code loop}. */
    EventedStrand(EventLoop loop) {
        this.loop = loop;
    }

    /** Gives this idle strand {@code task} to run; it starts when the loop runs the strand. */
    void assign(Job task) {
        job = task;
        state = RUNNING;
    }

    /**
     * Parks by suspending the task's coroutine, unless an unpark came first (the permit is taken
     * and this returns at once) or the deadline has passed. Must be called by woven code running on
     * this strand.
     *
     * @return {@code true} if the task's thread is interrupted (its code, or code it calls,
     *         interrupted the loop thread: see {@link #step()}), as a thread's park reports it; the
     *         interrupt status is cleared, and the park returns without suspending. Tasks still
     *         suspended when the backend closes are abandoned, not woken.
     * @throws IllegalStateException if called from outside this strand's coroutine, or from code
     *         that was not woven
     */
    @Override
    public boolean park(long deadlineNanos) {
        Coroutine co = ownCoroutine();
        if (co.enterLeaf()) {
            return Thread.interrupted();
        }
        if (Thread.interrupted()) {
            return true;
        }
        if (STATE.compareAndSet(this, PERMIT, RUNNING)) {
            return false;
        }
        if (deadlineNanos != Long.MAX_VALUE) {
            if (deadlineNanos - System.nanoTime() <= 0) {
                return false;
            }
            loop.timers.arm(this, deadlineNanos);
        }
        // The state stays RUNNING until the coroutine has unwound (see suspended()): an unpark in
        // between leaves a permit, which suspended() turns into an immediate resume.
        co.suspend();
        return false;
    }

    /**
     * Suspends the task and queues it again at once, behind the tasks already queued on its loop.
     * An unpark pending before is kept: the next {@link #park} returns at once.
     */
    @Override
    public void yieldNow() {
        Coroutine co = ownCoroutine();
        if (co.enterLeaf()) {
            // Whether or not an unpark came before the yield, suspended() took it to requeue the task:
            // give it back (a spurious one at worst, which parks allow).
            unpark();
            return;
        }
        STATE.compareAndSet(this, RUNNING, PERMIT);
        co.suspend();
    }

    @Override
    public void unpark() {
        while (true) {
            byte s = state;
            if (s == RUNNING) {
                if (STATE.compareAndSet(this, RUNNING, PERMIT)) {
                    return;
                }
            } else if (s == SUSPENDED) {
                if (STATE.compareAndSet(this, SUSPENDED, SCHEDULED)) {
                    loop.schedule(this);
                    return;
                }
            } else {
                return; // a permit is pending, a resume is queued, or no task runs here
            }
        }
    }

    /** Starts or continues the task: called by the loop for a strand it took from its run queue. */
    @Override
    public void run() {
        loop.step(this);
    }

    /**
     * Steps the task's coroutine on the loop thread: resumes it first if it suspended. The loop
     * thread's interrupt status is the task's while it runs, as a thread's is: set as the task
     * left it when it last suspended, and taken from the loop thread (cleared there) when the step
     * ends, kept while the task is suspended, dropped when it ends.
     *
     * @return {@code true} if the task ended
     */
    boolean step() {
        if (coroutine.isSuspended()) {
            // An unpark won the race: the deadline must not fire for a later park.
            loop.timers.disarm(this);
            state = RUNNING;
            coroutine.resume(suspendedGeneration);
        }
        if (interrupted) {
            interrupted = false;
            loop.interrupt();
        }
        boolean ended = false;
        try {
            ended = coroutine.step(RUN_CURRENT_TASK);
            return ended;
        } finally {
            interrupted = Thread.interrupted() && !ended;
        }
    }

    /**
     * After a step that suspended: waits for an unpark or the deadline, or is queued again at once
     * if an unpark came while the coroutine unwound.
     */
    void suspended() {
        suspendedGeneration = (char) coroutine.generation();
        if (!STATE.compareAndSet(this, RUNNING, SUSPENDED)) {
            state = SCHEDULED; // PERMIT: the unpark is taken by this resume
            loop.timers.disarm(this);
            loop.schedule(this);
        }
    }

    /** After the task ended: makes this strand idle, its coroutine ready for another task. */
    void ended() {
        state = IDLE;
        job = null;
        interrupted = false; // a step that threw kept one: it is the ended task's
        coroutine.recycle();
    }

    Job job() {
        return job;
    }

    int liveIndex() {
        return liveIndex;
    }

    void liveIndex(int index) {
        liveIndex = index;
    }

    /**
     * The loop thread's stack while this strand's task runs on it; the saved frames of its
     * coroutine while it is suspended (read after the state that published them).
     */
    @Override
    public StackTraceElement[] stackTrace() {
        byte s = state;
        if (s == SUSPENDED || s == SCHEDULED) {
            return coroutine.suspendedAt();
        }
        if (!loop.isRunning(this)) {
            return new StackTraceElement[0]; // queued to start or continue: no stack yet, none saved
        }
        StackTraceElement[] stack = loop.getStackTrace();
        return loop.isRunning(this) ? stack : new StackTraceElement[0]; // not another task's stack
    }

    @Override
    public int heapIndex() {
        return heapIndex;
    }

    @Override
    public void heapIndex(int index) {
        heapIndex = index;
    }

    /** The deadline passed, on the loop thread: continues the task unless an unpark came first. */
    @Override
    public void expired() {
        if (STATE.compareAndSet(this, SUSPENDED, SCHEDULED)) {
            loop.schedule(this);
        }
    }

    /** This strand's coroutine, checking that the caller runs it. */
    private Coroutine ownCoroutine() {
        Coroutine co = Coroutine.current();
        if (co != coroutine) {
            throw new IllegalStateException("a strand parks or yields only itself, from the task it runs: " + this
                    + " was called from " + Thread.currentThread());
        }
        return co;
    }

    private static void runCurrentTask() {
        EventedStrand running = EventLoop.currentStrand();
        running.job.runTask(running);
    }

    @Override
    public String toString() {
        return "EventedStrand[" + loop.getName() + ", " + job + "]";
    }
}
