package io.zsync;

import io.zsync.diagnostics.Leaks;
import io.zsync.fs.Fs;
import io.zsync.net.Net;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * I/O and concurrency as a value. Code that takes an {@code Io} is written once, in direct style,
 * and the caller chooses how it runs, with one of the four backends zsync-core ships: inline, on
 * the caller's thread ({@code blocking}, which has no concurrency); on a bounded pool of platform
 * threads, inline when all are busy ({@code threaded}); on a virtual thread per task
 * ({@code virtual}, the default of {@link #open()}); on event loops running stackless coroutines
 * ({@code evented}: code that runs in its tasks must be woven, see zsync-weaver). Or on any other
 * backend plugged in through {@link io.zsync.spi.IoProvider}; {@link #backends()} lists those
 * installed.
 *
 * <pre>{@code
 * try (Io io = Io.open("virtual")) {
 *     // A call that blocks its thread goes through blocking(): on evented it runs on a pool
 *     try (var page = io.async(() -> io.blocking(() -> Files.readString(path)))) {
 *         io.sleep(Duration.ofMillis(10));
 *         System.out.println(page.await().length());
 *     }                                                            // canceled here if never awaited
 * }
 * }</pre>
 *
 * <h2>Cancellation</h2>
 * Every blocking operation of an {@code Io} and of the primitives it makes ({@link Future#await},
 * {@link Queue#get}, {@link Mutex#lock}, {@link #sleep}, ...) is a <em>cancellation point</em>: once
 * cancellation of the running task is requested, the next one that has to wait throws
 * {@link CanceledException}, and so do {@link #checkCancel()} and every file and socket
 * operation, which look first. A primitive that completes without waiting (an uncontended lock, a
 * get from a queue that holds an element, an await of a future already done) completes, as Zig's
 * do; a loop of such calls that must stay cancelable calls {@code checkCancel()} now and then.
 * The request is delivered once; {@link #recancel()} re-arms it; {@link #protectCancel()} defers
 * it; each blocking primitive also has an uncancelable variant. Cancellation never interrupts a
 * thread and never closes or corrupts the resource that was being waited on. A thread that runs
 * no task (such as {@code main}) is never canceled, but by the deadline of a {@link #withTimeout}
 * it runs; interrupting such a thread while it waits in a
 * cancellation point makes it throw {@code CanceledException}, and interrupting a thread that runs
 * a task requests that task's cancellation.
 *
 * <h2>Timeouts</h2>
 * {@link #withTimeout} bounds any code: at its deadline the code is canceled as above, and the
 * timeout is reported once it has unwound. Deadlines nest; an inner one never extends an outer one.
 * The blocking operations also have timed forms, the untimed name with a {@link Duration}, under
 * one rule: a wait that returns nothing returns {@code false} when the timeout passed
 * ({@link Event#await(Duration)}, {@link Condition#await(Mutex, Duration)},
 * {@link Mutex#lock(Duration)}, {@link Semaphore#acquire(Duration)},
 * {@link Queue#put(Object, Duration)}, {@link Group#await(Duration)}), one that returns a value
 * throws {@link java.util.concurrent.TimeoutException} ({@link Future#await(Duration)},
 * {@link Queue#get(Duration)}, {@link Select#await(Duration)}), and a socket throws
 * {@link java.net.SocketTimeoutException}, an {@code IOException}, as the JDK's sockets do
 * ({@link io.zsync.net.Listener#accept(Duration)},
 * {@link io.zsync.net.Connection#setReadTimeout(Duration)},
 * {@link io.zsync.net.UdpSocket#receive(java.nio.ByteBuffer, Duration)}). A wait that timed out has taken
 * nothing and changed nothing, and is still a cancellation point. A timeout too long for the
 * clock waits without end; a zero or negative one does not wait.
 *
 * <h2>Thread safety</h2>
 * An {@code Io} and everything it makes are safe to use from any task or thread. Actions of a
 * task happen-before its future's {@link Future#await()} (or {@link Future#cancel()}) returns;
 * actions before {@link #async} happen-before the task starts.
 *
 * <h2>Flight Recorder events</h2>
 * Tasks, waits and I/O are JFR events (category {@code zsync}), linked by a task id unique in the
 * JVM: {@code io.zsync.TaskSpawn} (with the spawn site's stack trace and the parent's id) and
 * {@code io.zsync.TaskRun}, off by default; {@code io.zsync.TaskCancel}; {@code io.zsync.Await}
 * (futures, groups, selects), {@code io.zsync.Contention} (mutexes, queues and the other
 * primitives, named by where they were created) and {@code io.zsync.IoOperation} (reads and
 * writes of {@link io.zsync.io.Reader}s and {@link io.zsync.io.Writer}s), recorded from 20 ms by
 * default. Without a recording they cost a check each. {@code zsync profile} records them all and
 * reports on them.
 */
public interface Io extends AutoCloseable {

    /**
     * Opens a new instance of the backend called {@code name} ({@code "blocking"},
     * {@code "threaded"}, {@code "virtual"}, {@code "evented"}, or one plugged in through
     * {@link io.zsync.spi.IoProvider}), with every option at its default: its system property,
     * else its built-in default. The same as {@code open(name, IoOptions.defaults())}.
     *
     * @throws IllegalArgumentException if no backend of that name is installed (the message lists
     *         the ones that are), or a system property is bad (the message names it)
     */
    static Io open(String name) {
        return open(name, IoOptions.defaults());
    }

    /**
     * Opens a new instance of the backend called {@code name}, set up by {@code options}: an
     * option set there wins over its system property, which wins over the backend's built-in
     * default (the table is in {@link IoOptions}).
     *
     * <pre>{@code
     * try (Io io = Io.open("evented", IoOptions.defaults().loops(2).blockingThreads(16))) { ... }
     * }</pre>
     *
     * Everything is checked before the backend starts: an open that throws starts no thread and
     * opens no descriptor.
     *
     * @throws IllegalArgumentException if no backend of that name is installed (the message lists
     *         the ones that are); if {@code options} sets one the backend does not take (the
     *         message names it and lists those it takes); or if a system property an option falls
     *         back on is bad (the message names the property and its valid values)
     * @throws NullPointerException if {@code name} or {@code options} is {@code null}
     */
    static Io open(String name, IoOptions options) {
        return Backends.open(name, options);
    }

    /**
     * Opens the default backend: the one named by the system property {@code zsync.io}, or
     * {@code virtual} when it is not set.
     */
    static Io open() {
        return open(System.getProperty("zsync.io", "virtual"));
    }

    /**
     * The names of the installed backends, each once, sorted: the four zsync-core ships
     * ({@code blocking}, {@code evented}, {@code threaded}, {@code virtual}) and any plugged in
     * through {@link io.zsync.spi.IoProvider} on the class or module path.
     */
    static List<String> backends() {
        return Backends.names();
    }

    /** The name of this {@code Io}'s backend. */
    String name();

    // ---- tasks ------------------------------------------------------------------------------

    /**
     * Runs {@code task} asynchronously if the backend can, or inline, at once, if it cannot.
     * It never fails for lack of concurrency: when it returns, the task has either finished or owns
     * a unit of concurrency of its own; nothing waits in a queue. Code must therefore not rely on
     * the task running concurrently with its caller (use {@link #concurrent} for that).
     *
     * <p>A method reference to an overloaded method ({@code event::await}) can be ambiguous
     * between this and the {@link VoidTask} form, as with {@code ExecutorService.submit}; write a
     * lambda ({@code () -> event.await()}) instead.
     *
     * @throws IllegalStateException if this {@code Io} is closed
     */
    <T, E extends Exception> Future<T, E> async(Task<T, E> task);

    /** The {@code void} form of {@link #async(Task)}; the future's result is {@code null}. */
    <E extends Exception> Future<Void, E> async(VoidTask<E> task);

    /**
     * Runs {@code task} concurrently with the caller, or fails.
     *
     * @throws ConcurrencyUnavailableException if the backend has no concurrency at all, or none
     *         free right now; the message names the backend and what to do
     * @throws IllegalStateException if this {@code Io} is closed
     */
    <T, E extends Exception> Future<T, E> concurrent(Task<T, E> task);

    /** The {@code void} form of {@link #concurrent(Task)}. */
    <E extends Exception> Future<Void, E> concurrent(VoidTask<E> task);

    /**
     * A new fail-fast group owned by the calling task: the first member to fail cancels the others,
     * and {@link Group#await()} throws its failure. From that failure until {@code await} takes
     * it, the group starts no new member: {@code async} and {@code concurrent} hand back a future
     * already ended canceled, whose task never runs ({@link Group#isFailed()} tells a loop to stop
     * starting them). Give it the checked exception type its members throw:
     * {@code Group<IOException> g = io.group();}. When the calling task's cancellation is
     * delivered, or the deadline of a {@link #withTimeout} the group was made in, the group is
     * canceled, and starts no new member either until an {@code await} returns. The policies and
     * the refusal in full: {@link Group}.
     *
     * @throws IllegalStateException if this {@code Io} is closed
     */
    <E extends Exception> Group<E> group();

    /**
     * A new supervisor group owned by the calling task: a member's failure cancels no other member
     * and is not thrown by {@link Group#await()}; it goes to {@code onFailure}, and stays on the
     * member's future. For members that fail alone, such as a server's connections:
     *
     * <pre>{@code
     * try (Group<RuntimeException> connections = io.supervisorGroup(failure -> log.warn("a connection failed", failure))) {
     *     while (true) {
     *         Connection c = listener.accept();
     *         connections.async(() -> serve(c));   // one connection failing leaves the others served
     *     }
     * }
     * }</pre>
     *
     * <p>{@code onFailure} is called once for each member that ends with an exception other than
     * {@link CanceledException}, with that exception (its {@link AsyncStackTrace} says where the
     * member was started), as the member ends: before its future shows it ended, and before
     * {@code await} returns. It runs on the thread the member ran on, possibly at the same time as
     * for another member; it must not throw, nor wait (it is no task's code, and on {@code evented}
     * it holds up an event loop): log the failure, count it, or keep it in a thread-safe collection.
     * A failure of {@code onFailure} itself is logged ({@code System.Logger} {@code io.zsync}).
     *
     * <p>A failure never stops a supervisor group from starting members; as any group, it refuses
     * them (their futures end canceled at once) once canceled as a whole (its owner's
     * cancellation, a canceled {@code await}, a {@link #withTimeout} deadline it was made under)
     * until an {@code await} returns. A member's own {@code withTimeout} that fires is that
     * member's {@link TimeoutException}: a failure like any other, reported to {@code onFailure}.
     *
     * @throws NullPointerException if {@code onFailure} is {@code null}
     * @throws IllegalStateException if this {@code Io} is closed
     */
    <E extends Exception> Group<E> supervisorGroup(Consumer<? super Throwable> onFailure);

    /** A new, empty select for racing tasks that produce a {@code U} or fail with {@code E}. */
    <U, E extends Exception> Select<U, E> select();

    // ---- cancellation -----------------------------------------------------------------------

    /**
     * A cancellation point that does nothing else: throws {@link CanceledException} if the calling
     * task's cancellation was requested and not yet delivered (and not deferred by
     * {@link #protectCancel()}), or the deadline of a {@link #withTimeout} the caller is in has
     * passed (delivered once too). An interrupt of the calling thread counts as such a request: a
     * task's thread loses the interrupt to the request; a plain thread that runs no task gets
     * {@code CanceledException} and keeps its interrupt status. Every file and socket operation
     * starts here, so that no interrupt ever reaches (and closes) a channel.
     */
    void checkCancel();

    /**
     * Whether cancellation of the calling task has been requested (delivered or not), or the
     * deadline of a {@link #withTimeout} it (or a plain thread) is in has passed: for code that
     * computes and polls.
     */
    boolean cancelRequested();

    /**
     * Re-arms a cancellation request (or a {@link #withTimeout} deadline) that was already
     * delivered, so that the next cancellation point throws again. Does nothing if no cancellation
     * was requested.
     */
    void recancel();

    /**
     * Defers the delivery of cancellation to the calling task until the returned scope is closed:
     * for clean-up code that must block (flush, release, say goodbye) even while being canceled.
     * Scopes nest; close them in reverse order, on the same task, with try-with-resources.
     */
    CancelProtection protectCancel();

    // ---- timeouts -------------------------------------------------------------------------------

    /**
     * Runs {@code task} on the calling task or thread, within {@code timeout}: if it has not ended
     * by then, it is canceled as if by a request (its next cancellation point throws
     * {@link CanceledException}, and the groups it made are canceled), and once it has unwound
     * this throws {@link TimeoutException}, with that {@code CanceledException} as the cause. The
     * caller is not left canceled: it goes on, and its own cancellation points do not throw for
     * the timeout. Works the same on every backend and on a plain thread such as {@code main}, with
     * no timer thread: every cancelable wait inside parks no later than the deadline.
     *
     * <p>Nothing is run elsewhere: {@code task} runs as part of the caller, holding its locks, and
     * the tasks it starts are the caller's. What it does not wait for runs on: a future it starts
     * is not canceled unless it awaits it (or it is in a group made inside {@code task}). A wait
     * that passes its caller's cancellation on passes the deadline on as well: a
     * {@link Future#await()}, {@link Group#await()}, {@link Select#await()},
     * {@link Select#awaitSuccess()}, {@link Future#awaitAll} or {@link #await(CompletionStage)}
     * cut short by the deadline cancels what it waits for and (but for the stage) waits for it to
     * end, so that nothing it started outlives the timeout unseen. A wait cut short takes nothing
     * (no element of a {@link Queue}, no byte of a socket), as a canceled one does. A task
     * that computes without reaching a cancellation point is not stopped; let it call
     * {@link #checkCancel()} now and then. A task that catches the {@code CanceledException} and
     * returns, or throws its own exception, has that outcome, not a timeout.
     *
     * <p>Deadlines nest: inside another {@code withTimeout}, the earlier deadline is in force, and
     * the scope whose deadline it is reports the timeout; a scope whose deadline has not passed
     * lets the cancellation through as the {@code CanceledException} it is. A cancellation
     * requested from outside (the caller's future canceled, its group failing) is never a timeout:
     * it comes out as {@code CanceledException}, as anywhere else. Inside
     * {@link #protectCancel()} the deadlines of the scopes opened before it are deferred, as
     * requests are, and a {@code withTimeout} opened inside it is enforced, so that clean-up can
     * bound its own waits.
     *
     * <p>The timeout is {@link TimeoutException}, the type {@link Future#await(Duration)} throws,
     * so that one {@code catch} handles every timeout; being checked, it cannot be forgotten, and
     * the task's own {@code E} stays exact beside it. {@link #withTimeoutOrEmpty} returns an empty
     * {@code Optional} instead.
     *
     * <pre>{@code
     * String page = io.withTimeout(Duration.ofSeconds(2), () -> fetch(url));   // throws IOException, TimeoutException
     * }</pre>
     *
     * <p>On {@code evented} {@code task} is a suspendable lambda of the caller's (woven code), as
     * for {@link #async}. A method reference to an overloaded method can be ambiguous between this
     * and the {@link VoidTask} form; write a lambda instead.
     *
     * <p>A zero or negative timeout has passed as {@code task} starts: the task still runs, up to
     * its first cancellation point, which throws, as code does under an enclosing deadline that
     * passed (Trio's {@code move_on_after(0)}, Go's expired context). So a zero timeout behaves as
     * the shortest positive one, only sooner, and a task that ends without reaching a cancellation
     * point returns its result. This differs from Kotlin's {@code withTimeout(0)}, which throws
     * without running the block: to skip the task when no time is left, test the time left first.
     *
     * @param timeout how long {@code task} may run; zero or negative: see above; one too long for
     *                the clock is no timeout
     * @return what {@code task} returned
     * @throws E what {@code task} threw
     * @throws TimeoutException if {@code task} ended canceled by this timeout
     * @throws CanceledException if the caller was canceled meanwhile, or an enclosing deadline passed
     */
    <T, E extends Exception> T withTimeout(Duration timeout, Task<T, E> task) throws E, TimeoutException;

    /** The {@code void} form of {@link #withTimeout(Duration, Task)}. */
    <E extends Exception> void withTimeout(Duration timeout, VoidTask<E> task) throws E, TimeoutException;

    /**
     * {@link #withTimeout(Duration, Task)}, giving an empty {@code Optional} where that throws
     * {@link TimeoutException} (Kotlin's {@code withTimeoutOrNull}). A task that returns
     * {@code null} gives an empty {@code Optional} too: where that must be told apart from a
     * timeout, use {@code withTimeout}. For a task with no result, return a value
     * ({@code () -> { work(); return true; }}).
     *
     * @return what {@code task} returned, or empty if it ended canceled by this timeout
     * @throws E what {@code task} threw
     * @throws CanceledException if the caller was canceled meanwhile, or an enclosing deadline passed
     */
    <T, E extends Exception> Optional<T> withTimeoutOrEmpty(Duration timeout, Task<T, E> task) throws E;

    // ---- time and randomness ----------------------------------------------------------------

    /**
     * Blocks the calling task for {@code duration} (returns at once if it is zero or negative).
     * A cancellation point.
     */
    void sleep(Duration duration);

    /**
     * Lets other tasks run before the calling one goes on. On {@code evented}, whose tasks share a
     * few loop threads and run until they wait, a task that computes for long, or polls, calls this
     * now and then so that the tasks beside it are not held up; on thread backends it yields the
     * thread. Not a cancellation point.
     */
    void yieldNow();

    /** Monotonic time in nanoseconds, for measuring intervals; the clock of every deadline. */
    long nanoTime();

    /** Wall-clock time. */
    Instant now();

    /**
     * A random generator for use by the calling task only: the backend's
     * ({@link io.zsync.spi.Backend#random()}), so that a backend that replays a run (a
     * deterministic simulation) can seed it; the backends zsync-core ships draw from
     * {@link java.util.concurrent.ThreadLocalRandom}.
     */
    RandomGenerator random();

    // ---- blocking work -------------------------------------------------------------------------

    /**
     * Runs {@code work}, code that blocks its thread (a JDBC call, a library doing blocking I/O),
     * where it does not hold up other tasks, waits for it, and returns what it returns or throws
     * what it throws. On backends that give each task a thread of its own it runs inline; on
     * {@code evented}, whose tasks share a few loop threads, it runs on a bounded pool of threads
     * while the calling task is suspended. {@link #fs()} needs none of it: file operations go
     * through this {@code Io}'s I/O driver, which runs them where they hold up no other task.
     *
     * <p>A cancellation point before {@code work} starts, not while it runs: the caller waits for
     * it to end, so that nothing it did is lost. {@code work} runs on a thread without a task of
     * its own: it cannot be canceled, and {@code Io} operations in it wait by blocking that thread.
     *
     * @throws E what {@code work} throws
     */
    <T, E extends Exception> T blocking(Task<T, E> work) throws E;

    /**
     * The {@code void} form of {@link #blocking(Task)}, for blocking code that returns nothing
     * ({@code io.blocking(() -> client.close())}); the same contract. As with {@link #async}, a
     * method reference to an overloaded method ({@code future::get}) is ambiguous between the two
     * forms: write a lambda.
     *
     * @throws E what {@code work} throws
     */
    <E extends Exception> void blocking(VoidTask<E> work) throws E;

    // ---- the JDK's concurrency types -----------------------------------------------------------

    /**
     * Waits for {@code stage} to complete and returns its result: a {@link CompletionStage} (a
     * {@link java.util.concurrent.CompletableFuture}, what {@code HttpClient.sendAsync} returns)
     * awaited as a zsync primitive. On {@code evented} the calling task suspends, and the thread
     * that completes the stage wakes it; a plain thread blocks. The stage may come from any
     * {@code Io} or none. The other direction is {@link Future#toCompletableFuture()}.
     *
     * <p>A cancellation point. If the waiting task is canceled meanwhile, the wait ends with
     * {@link CanceledException}, and the cancellation is passed on to the stage, as
     * {@link Future#await()} passes it on to the task it awaits: a stage that is a
     * {@link java.util.concurrent.Future} is canceled ({@code cancel(false)}; a
     * {@link java.util.concurrent.CompletableFuture#minimalCompletionStage()} cannot be, and is
     * left as it is). To wait for a shared {@code CompletableFuture} without canceling it, await
     * {@code cf.copy()}.
     *
     * @return the stage's result
     * @throws ExecutionException if the stage completed exceptionally: its cause is the stage's
     *         exception (unwrapped from the {@link java.util.concurrent.CompletionException} a
     *         dependent stage wraps it in), as {@code Future.get()} gives it
     * @throws CanceledException if the stage was canceled (its
     *         {@link java.util.concurrent.CancellationException} is the cause), or the caller was
     */
    <T> T await(CompletionStage<T> stage) throws ExecutionException;

    /**
     * A new {@link TaskExecutor}: an {@link ExecutorService} whose every command runs as a task of
     * this {@code Io}, for code that takes an executor (the JDK's {@code HttpClient}, connection
     * pools, caches). Each call makes a new one, with its own shutdown; close it before this
     * {@code Io}. Where commands run, what cancellation and shutdown do, and who ends the tasks:
     * see {@link TaskExecutor}.
     *
     * @throws IllegalStateException if this {@code Io} is closed
     */
    TaskExecutor executor();

    // ---- files and network -------------------------------------------------------------------

    /** Files and directories through this {@code Io}. */
    Fs fs();

    /** Networking through this {@code Io}: TCP, UDP, Unix-domain sockets and DNS. */
    Net net();

    // ---- operations: I/O as values -------------------------------------------------------------

    /**
     * A new, empty batch: several I/O operations in flight at once, awaited together (Zig's
     * {@code Io.Batch}). Close it (try-with-resources): closing cancels what is in flight and
     * releases what nobody took. See {@link Batch}.
     */
    Batch batch();

    /**
     * Runs {@code operation} to its end and returns what it gave: a batch of one. A cancellation
     * point; canceled, it took no effect (a completion that raced the cancel is returned, and
     * the cancellation is delivered at the next cancellation point).
     *
     * @throws IOException how it failed
     * @throws IllegalStateException if the operation is already running (in a batch)
     */
    <T> T operate(Operation<T> operation) throws IOException;

    /**
     * Like {@link #operate(Operation)}, but gives up after {@code timeout}: the operation is then
     * canceled, and took no effect, unless it completed meanwhile, in which case its result is
     * returned.
     *
     * @throws TimeoutException if the timeout passed first and the operation took no effect
     */
    <T> T operate(Operation<T> operation, Duration timeout) throws IOException, TimeoutException;

    // ---- synchronisation --------------------------------------------------------------------

    /**
     * A bounded, multi-producer, multi-consumer FIFO queue holding at most {@code capacity}
     * elements; with capacity 0 each {@code put} waits for a {@code get} to take its element.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    <T> Queue<T> queue(int capacity);

    /** A new, unlocked, non-reentrant mutual-exclusion lock. */
    Mutex mutex();

    /** A new condition variable, used with a {@link Mutex}. */
    Condition condition();

    /** A new event, initially unset. */
    Event event();

    /**
     * A new counting semaphore with {@code permits} permits.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    Semaphore semaphore(int permits);

    /** A new readers-writer lock, fair to writers. */
    RwLock rwLock();

    /**
     * Closes this {@code Io}: new tasks are refused with {@link IllegalStateException}, idle
     * threads are released. Cancel or await the tasks first: on a backend that runs each task on a
     * thread ({@code blocking}, {@code threaded}, {@code virtual}), tasks already running run to
     * their end; on {@code evented}, whose tasks share its event loops, a task running at that
     * moment goes on until it next waits or ends, and a task that is suspended, or was started and
     * has not begun, never runs on: its future completes with {@link CanceledException}, whose
     * message says the {@code Io} was closed while the task was suspended or before it started,
     * whoever awaits it is woken, its group or select learns that it ended, and the leak detector
     * ({@link Leaks}) reports it. No future is left that nobody will complete. Idempotent.
     */
    @Override
    void close();
}
