package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import io.zsync.CanceledException;
import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Event;
import io.zsync.Flows;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.QueueClosedException;
import io.zsync.TaskExecutor;
import io.zsync.coroutine.NeverSuspends;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridges to the JDK's concurrency types: {@link Future#toCompletableFuture()},
 * {@link Io#await(java.util.concurrent.CompletionStage)}, {@link Io#executor()} and
 * {@link Flows}, with cancellation passed on both ways.
 */
final class BridgeCases {

    /** The time budget of one race case's rounds. */
    private static final long BUDGET_NANOS = Duration.ofMillis(1_500).toNanos();
    private static final int RACE_ROUNDS = 200;
    /** A generous bound on a wait that ends within microseconds when the code is right. */
    private static final long HANG_MINUTES = 1;
    /** A timeout that fires: what the cases wait for never happens. */
    private static final Duration SHORT = Duration.ofMillis(20);
    /** A timeout that never fires: every case ends long before. */
    private static final Duration LONG = Duration.ofMinutes(1);

    private BridgeCases() {}

    static List<Case> cases() {
        String area = "bridge";
        return List.of(
                Case.of(area, "toCompletableFuture completes with the task's result, its exact exception, or canceled", io -> {
                    assertEquals(42, io.await(io.async(() -> 42).toCompletableFuture()));

                    IOException boom = new IOException("boom");
                    CompletableFuture<Integer> failed = io.<Integer, IOException>async(() -> {
                        throw boom;
                    }).toCompletableFuture();
                    ExecutionException e = assertThrows(ExecutionException.class, () -> io.await(failed));
                    assertSame(boom, e.getCause());
                    assertSame(boom, failed.exceptionNow());

                    CompletableFuture<Integer> canceled = io.<Integer, RuntimeException>async(() -> {
                        throw new CanceledException("stopped");
                    }).toCompletableFuture();
                    assertThrows(CanceledException.class, () -> io.await(canceled));
                    assertTrue(canceled.isCancelled());
                    Throwable why = canceled.handle((result, thrown) -> thrown).join();
                    assertInstanceOf(CancellationException.class, why);
                    assertInstanceOf(CanceledException.class, why.getCause(), "the task's own CanceledException is not the cause");
                }),
                Case.concurrent(area, "a CompletableFuture canceled from outside cancels the zsync task, and the reverse", io -> {
                    Event never = io.event();
                    Future<String, RuntimeException> task = io.concurrent(() -> {
                        never.await();
                        return "not canceled";
                    });
                    CompletableFuture<String> cf = task.toCompletableFuture();
                    assertTrue(cf.cancel(true));
                    assertThrows(CanceledException.class, task::await);
                    assertEquals(java.util.concurrent.Future.State.CANCELLED, task.state());

                    Future<String, RuntimeException> completedOutside = io.concurrent(() -> {
                        never.await();
                        return "not canceled";
                    });
                    completedOutside.toCompletableFuture().complete("from outside");
                    assertThrows(CanceledException.class, completedOutside::await);

                    Future<String, RuntimeException> reverse = io.concurrent(() -> {
                        never.await();
                        return "not canceled";
                    });
                    CompletableFuture<String> watched = reverse.toCompletableFuture();
                    assertThrows(CanceledException.class, reverse::cancel);
                    assertThrows(CanceledException.class, () -> io.await(watched));
                    assertTrue(watched.isCancelled());
                }),
                Case.of(area, "io.await returns a stage's result, its exact failure in an ExecutionException, CanceledException if canceled", io -> {
                    assertEquals("now", io.await(CompletableFuture.completedFuture("now")));
                    CompletableFuture<String> later = new CompletableFuture<>();
                    Thread completer = Thread.ofPlatform().start(() -> later.complete("later"));
                    assertEquals("later", io.await(later));
                    io.blocking(() -> {
                        completer.join();
                        return null;
                    });

                    IllegalStateException boom = new IllegalStateException("boom");
                    CompletableFuture<String> dependent = CompletableFuture.completedFuture("x").thenApply(x -> {
                        throw boom;
                    });
                    assertSame(boom, assertThrows(ExecutionException.class, () -> io.await(dependent)).getCause(),
                            "the CompletionException of a dependent stage is unwrapped");
                    assertSame(boom, assertThrows(ExecutionException.class,
                            () -> io.await(CompletableFuture.failedFuture(boom))).getCause());

                    CompletableFuture<String> canceled = new CompletableFuture<>();
                    canceled.cancel(false);
                    CanceledException c = assertThrows(CanceledException.class, () -> io.await(canceled));
                    assertInstanceOf(CancellationException.class, c.getCause());
                    assertEquals(3, io.await(CompletableFuture.completedFuture(3).minimalCompletionStage()));
                }),
                Case.concurrent(area, "a task canceled while awaiting a stage ends with CanceledException and cancels a CompletableFuture, not a copy or a minimal stage", io -> {
                    CompletableFuture<String> shared = new CompletableFuture<>();
                    Future<String, ExecutionException> waiter = io.concurrent(() -> io.await(shared));
                    assertThrows(CanceledException.class, waiter::cancel);
                    assertTrue(shared.isCancelled(), "the awaited CompletableFuture was not canceled");

                    CompletableFuture<String> kept = new CompletableFuture<>();
                    Future<String, ExecutionException> onCopy = io.concurrent(() -> io.await(kept.copy()));
                    assertThrows(CanceledException.class, onCopy::cancel);
                    Future<String, ExecutionException> onMinimal = io.concurrent(() -> io.await(kept.minimalCompletionStage()));
                    assertThrows(CanceledException.class, onMinimal::cancel);
                    assertFalse(kept.isDone(), "a copy's or a minimal stage's wait canceled the original");
                }),
                Case.concurrent(area, "a task awaiting a stage lets the tasks beside it run, and is woken from another thread", io -> {
                    // Spawned from one task, the waiter shares the spawner's event loop on evented:
                    // if awaiting blocked the loop, the spawner could never complete the stage.
                    Future<String, ExecutionException> both = io.concurrent(() -> {
                        CompletableFuture<String> stage = new CompletableFuture<>();
                        Future<String, ExecutionException> waiter = io.concurrent(() -> io.await(stage));
                        io.yieldNow();
                        stage.complete("woken");
                        return waiter.await();
                    });
                    assertEquals("woken", both.await());
                    CompletableFuture<String> fromPool = CompletableFuture.supplyAsync(() -> "pool");
                    assertEquals("pool", io.concurrent(() -> io.await(fromPool)).await());
                }),
                Case.of(area, "a withTimeout deadline firing while io.await waits for a stage: TimeoutException, the CompletableFuture canceled, a copy's source not", io -> {
                    CompletableFuture<String> never = new CompletableFuture<>();
                    TimeoutException timedOut = assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> io.await(never)));
                    assertInstanceOf(CanceledException.class, timedOut.getCause());
                    assertTrue(never.isCancelled(), "the stage was left running after the deadline");
                    CompletableFuture<String> shared = new CompletableFuture<>();
                    assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> io.await(shared.copy())));
                    assertFalse(shared.isDone(), "awaiting a copy canceled the shared stage");
                    shared.complete("later");
                    assertEquals("later", io.withTimeout(LONG, () -> io.await(shared)));
                    assertFalse(io.cancelRequested());
                }),
                Case.concurrent(area, "toCompletableFuture of a task an awaiter's deadline canceled is canceled; of a task that timed out itself, completes with its TimeoutException", io -> {
                    Event never = io.event();
                    Future<String, RuntimeException> awaited = io.concurrent(() -> {
                        never.await();
                        return "never";
                    });
                    CompletableFuture<String> canceled = awaited.toCompletableFuture();
                    assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> awaited.await()));
                    assertThrows(CanceledException.class, () -> io.await(canceled));
                    assertTrue(canceled.isCancelled(), "the deadline passed on to the task, which ended canceled");
                    Throwable why = canceled.handle((result, thrown) -> thrown).join();
                    assertInstanceOf(CancellationException.class, why);
                    assertInstanceOf(CanceledException.class, why.getCause(), "the task's CanceledException is not the cause");

                    Future<String, TimeoutException> timed = io.async(() -> io.withTimeout(SHORT, () -> {
                        never.await();
                        return "never";
                    }));
                    CompletableFuture<String> failed = timed.toCompletableFuture();
                    ExecutionException e = assertThrows(ExecutionException.class, () -> io.await(failed));
                    assertSame(timed.exceptionNow(), e.getCause(), "the task's own timeout is its failure, given as it is");
                    assertFalse(failed.isCancelled());
                }),
                Case.concurrent(area, "a Flow publisher piped into a subscriber inside withTimeout: the deadline ends both streams, the sink is closed, nothing is duplicated or reordered", io -> {
                    Queue<Integer> source = io.queue(16);
                    for (int i = 0; i < 10; i++) {
                        source.put(i);
                    }
                    Queue<Integer> sink = io.queue(2);
                    List<Integer> got = new ArrayList<>();
                    // The source is never closed: the consumer waits until the deadline.
                    assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> {
                        try (Group<RuntimeException> streams = io.group()) {
                            Flows.publisher(streams, source).subscribe(Flows.subscriber(streams, sink));
                            sink.forEach(got::add);
                        }
                    }));
                    assertFalse(io.cancelRequested());
                    assertTrue(sink.isClosed(), "the subscriber's task, canceled, did not close its queue");
                    for (Integer late; (late = sink.take().orElse(null)) != null; ) {
                        got.add(late);
                    }
                    for (int i = 0; i < got.size(); i++) {
                        assertEquals(i, got.get(i), "the elements came out of order, or twice: " + got);
                    }
                    // What the publisher never took is still in the source, in order; what it had taken may be lost.
                    int last = got.isEmpty() ? -1 : got.get(got.size() - 1);
                    for (Integer left; (left = source.tryGet()) != null; ) {
                        assertTrue(left > last, "an element was both delivered and left in the source: " + left);
                        last = left;
                    }
                }),
                Case.of(area, "io.executor runs execute, submit and invokeAll as tasks; shutdown refuses new commands; close waits for all", io -> {
                    AtomicInteger ran = new AtomicInteger();
                    TaskExecutor ex = io.executor();
                    try (ex) {
                        for (int i = 0; i < 10; i++) {
                            ex.execute(ran::incrementAndGet);
                        }
                        java.util.concurrent.Future<Integer> submitted = ex.submit(() -> 6 * 7);
                        List<Callable<String>> calls = List.of(() -> "a", () -> "b");
                        List<java.util.concurrent.Future<String>> all = io.blocking(() -> ex.invokeAll(calls));
                        assertEquals("a", all.get(0).resultNow());
                        assertEquals("b", all.get(1).resultNow());
                        Integer answer = io.blocking(() -> submitted.get());
                        assertEquals(42, answer);
                        assertEquals("any", io.blocking(() -> ex.invokeAny(List.of(() -> "any"))));
                        assertFalse(ex.isShutdown());
                    }
                    assertEquals(10, ran.get());
                    assertTrue(ex.isShutdown());
                    assertTrue(ex.isTerminated());
                    assertTrue(ex.awaitTermination(0, TimeUnit.SECONDS));
                    assertTrue(ex.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS), "a timeout beyond Duration's range");
                    assertThrows(RejectedExecutionException.class, () -> ex.execute(ran::incrementAndGet));
                    assertEquals(10, ran.get());

                    TaskExecutor failing = io.executor();
                    java.util.concurrent.Future<Object> thrown = failing.submit(() -> {
                        throw new IOException("kept in the future");
                    });
                    failing.close();
                    assertEquals("kept in the future", thrown.exceptionNow().getMessage());
                }),
                Case.of(area, "shutdownNow hands back the commands that never began, every other one runs once, and the executor terminates", io -> {
                    long end = System.nanoTime() + BUDGET_NANOS;
                    for (int round = 0; round < 50 && System.nanoTime() - end < 0; round++) {
                        AtomicInteger ran = new AtomicInteger();
                        AtomicInteger rejected = new AtomicInteger();
                        TaskExecutor ex = io.executor();
                        int perThread = 25;
                        Threads submitters = new Threads().start(4, () -> {
                            for (int i = 0; i < perThread; i++) {
                                try {
                                    ex.execute(ran::incrementAndGet);
                                } catch (RejectedExecutionException refused) {
                                    rejected.incrementAndGet();
                                }
                            }
                        });
                        List<Runnable> never = ex.shutdownNow();
                        submitters.join(io);
                        assertTrue(ex.awaitTermination(HANG_MINUTES, TimeUnit.MINUTES), "the executor never terminated");
                        assertTrue(ex.isTerminated());
                        assertEquals(4 * perThread, ran.get() + never.size() + rejected.get(),
                                "ran " + ran + ", handed back " + never.size() + ", rejected " + rejected);
                        for (Runnable r : never) {
                            r.run(); // handed back: each runs here once, and no task runs it again
                        }
                        assertEquals(4 * perThread - rejected.get(), ran.get());
                    }
                }),
                Case.concurrent(area, "a submitted command canceled, or one shut down now, is canceled or runs to its end: never interrupted, never lost", io -> {
                    TaskExecutor ex = io.executor();
                    Event started = io.event();
                    Event release = io.event();
                    AtomicInteger ended = new AtomicInteger();
                    AtomicInteger interrupted = new AtomicInteger();
                    java.util.concurrent.Future<String> running = ex.submit(
                            () -> awaitRelease(started, release, ended, interrupted));
                    started.await();
                    assertTrue(running.cancel(true));
                    assertTrue(running.isCancelled());
                    ex.execute(() -> awaitRelease(io.event(), release, ended, interrupted));
                    List<Runnable> never = ex.shutdownNow();
                    release.set(); // a command running outside its task (on evented) is not canceled: it ends here
                    ex.close();
                    assertTrue(ex.isTerminated());
                    assertEquals(2 - never.size(), ended.get(), "a command that began did not end, or one handed back ran");
                    assertEquals(0, interrupted.get(), "a command's thread was interrupted");
                }),
                Case.of(area, "the JDK HttpClient runs on io.executor() against a loopback server", io -> {
                    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                    server.createContext("/hello", exchange -> {
                        byte[] body = ("hello " + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    });
                    server.start();
                    try (TaskExecutor ex = io.executor()) {
                        HttpClient client = HttpClient.newBuilder().executor(ex).build();
                        try {
                            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello?");
                            for (int i = 0; i < 3; i++) {
                                HttpResponse<String> async = io.await(client.sendAsync(
                                        HttpRequest.newBuilder(URI.create(base + "async" + i)).build(),
                                        HttpResponse.BodyHandlers.ofString()));
                                assertEquals(200, async.statusCode());
                                assertEquals("hello async" + i, async.body());
                            }
                            HttpResponse<String> sync = io.blocking(() -> client.send(
                                    HttpRequest.newBuilder(URI.create(base + "sync")).build(),
                                    HttpResponse.BodyHandlers.ofString()));
                            assertEquals("hello sync", sync.body());
                        } finally {
                            io.blocking(() -> {
                                client.close();
                                return null;
                            });
                        }
                    } finally {
                        server.stop(0);
                    }
                }),
                Case.concurrent(area, "a Flow publisher over a queue honours request(n) and cancel, and completes once the queue is closed and drained", io -> {
                    Queue<Integer> queue = io.queue(16);
                    try (Group<RuntimeException> group = io.group()) {
                        Recorder<Integer> first = new Recorder<>(io);
                        Flows.publisher(group, queue).subscribe(first);
                        for (int i = 1; i <= 5; i++) {
                            queue.put(i);
                        }
                        Flow.Subscription s = first.subscribed();
                        s.request(2);
                        assertEquals(1, first.next());
                        assertEquals(2, first.next());
                        assertEquals(3, queue.size(), "the publisher took elements nobody requested");
                        s.request(Long.MAX_VALUE);
                        s.request(Long.MAX_VALUE); // adds up to unbounded, never overflows (§3.17)
                        assertEquals(3, first.next());
                        assertEquals(4, first.next());
                        assertEquals(5, first.next());
                        queue.close();
                        assertEquals(Recorder.COMPLETE, first.next());
                        group.await();

                        Queue<Integer> more = io.queue(4);
                        Recorder<Integer> canceling = new Recorder<>(io);
                        Flows.publisher(group, more).subscribe(canceling);
                        Flow.Subscription c = canceling.subscribed();
                        c.request(1); // the publisher now waits in get(), or soon will
                        c.cancel();
                        group.await();
                        more.put(7);
                        assertEquals(7, more.tryGet(), "a canceled subscription took an element");

                        Recorder<Integer> cut = new Recorder<>(io);
                        Flows.publisher(group, more).subscribe(cut);
                        cut.subscribed().request(1);
                        group.close();
                        assertInstanceOf(CanceledException.class, cut.next(), "closing the group did not end the stream with onError");
                    }
                }),
                Case.concurrent(area, "a Flow publisher ends the stream with IllegalArgumentException on request(0) (§3.9)", io -> {
                    try (Group<RuntimeException> group = io.group()) {
                        Recorder<Integer> r = new Recorder<>(io);
                        Flows.publisher(group, io.<Integer>queue(1)).subscribe(r);
                        r.subscribed().request(0);
                        assertInstanceOf(IllegalArgumentException.class, r.next());
                        group.await();
                    }
                }),
                Case.concurrent(area, "a Flow subscriber puts into a queue with backpressure, and requests as the queue takes", io -> {
                    Queue<Integer> target = io.queue(2);
                    try (Group<RuntimeException> group = io.group()) {
                        Flow.Subscriber<Integer> subscriber = Flows.subscriber(group, target);
                        Upstream up = new Upstream(io);
                        subscriber.onSubscribe(up);
                        assertEquals(2, up.requested.get(), "it did not request the queue's capacity");
                        subscriber.onNext(1);
                        subscriber.onNext(2);
                        up.awaitRequested(4); // both moved into the queue: two more requested
                        subscriber.onNext(3);
                        subscriber.onNext(4);
                        assertEquals(2, target.size());
                        assertEquals(1, target.get());
                        up.awaitRequested(5);
                        assertEquals(2, target.get());
                        assertEquals(3, target.get());
                        assertEquals(4, target.get());
                        up.awaitRequested(6);
                        assertEquals(6, up.requested.get(), "it requested more than it had room for");
                        subscriber.onComplete();
                        assertThrows(QueueClosedException.class, target::get);
                        group.await();

                        Upstream second = new Upstream(io);
                        subscriber.onSubscribe(second);
                        assertTrue(second.canceled.isSet(), "a second subscription was not canceled (§2.5)");
                        assertThrows(NullPointerException.class, () -> subscriber.onNext(null));
                    }
                }),
                Case.concurrent(area, "a Flow subscriber closes its queue on an error, which fails its group; closing the queue cancels the subscription", io -> {
                    Queue<Integer> target = io.queue(4);
                    IOException boom = new IOException("boom");
                    try (Group<RuntimeException> group = io.group()) {
                        Flow.Subscriber<Integer> subscriber = Flows.subscriber(group, target);
                        subscriber.onSubscribe(new Upstream(io));
                        subscriber.onNext(9);
                        subscriber.onError(boom);
                        assertEquals(9, target.get());
                        assertThrows(QueueClosedException.class, target::get);
                        CompletionException failed = assertThrows(CompletionException.class, group::await);
                        assertSame(boom, failed.getCause());
                    }

                    Queue<Integer> closedByConsumer = io.queue(1);
                    try (Group<RuntimeException> group = io.group()) {
                        Flow.Subscriber<Integer> subscriber = Flows.subscriber(group, closedByConsumer);
                        Upstream up = new Upstream(io);
                        subscriber.onSubscribe(up);
                        closedByConsumer.close();
                        subscriber.onNext(1);
                        up.canceled.await();
                        group.await();
                    }
                }),
                Case.concurrent(area, "a Flow subscriber fed by the JDK's SubmissionPublisher, and a publisher piped into a subscriber, deliver every element in order", io -> {
                    Queue<Integer> target = io.queue(4);
                    try (Group<RuntimeException> group = io.group()) {
                        try (SubmissionPublisher<Integer> jdk = new SubmissionPublisher<>()) {
                            jdk.subscribe(Flows.subscriber(group, target));
                            for (int i = 0; i < 100; i++) {
                                jdk.submit(i);
                            }
                        }
                        for (int i = 0; i < 100; i++) {
                            assertEquals(i, target.get());
                        }
                        assertThrows(QueueClosedException.class, target::get);
                        group.await();

                        Queue<Integer> source = io.queue(8);
                        Queue<Integer> sink = io.queue(2);
                        Flows.publisher(group, source).subscribe(Flows.subscriber(group, sink));
                        group.async(() -> {
                            for (int i = 0; i < 50; i++) {
                                source.put(i);
                            }
                            source.close();
                        });
                        for (int i = 0; i < 50; i++) {
                            assertEquals(i, sink.get());
                        }
                        assertThrows(QueueClosedException.class, sink::get);
                        group.await();
                    }
                }),
                Case.of(area, "the Flow adapters refuse clearly when their group cannot start a task", io -> {
                    Group<RuntimeException> closed = io.group();
                    closed.close();
                    RuntimeException refused = assertThrows(RuntimeException.class, () -> Flows.subscriber(closed, io.queue(1)));
                    assertTrue(refused instanceof IllegalStateException || refused instanceof ConcurrencyUnavailableException, refused.toString());
                    Recorder<Integer> r = new Recorder<>(io);
                    Flows.publisher(closed, io.<Integer>queue(1)).subscribe(r);
                    r.subscribed();
                    Object error = r.next();
                    assertTrue(error instanceof IllegalStateException || error instanceof ConcurrencyUnavailableException, String.valueOf(error));
                }),
                Case.of(area, "the bridges name their null parameter", io -> {
                    assertNullNamed("stage", () -> io.await(null));
                    assertNullNamed("command", () -> {
                        try (TaskExecutor ex = io.executor()) {
                            ex.execute(null);
                        }
                    });
                    try (Group<RuntimeException> group = io.group()) {
                        assertNullNamed("group", () -> Flows.publisher(null, io.queue(1)));
                        assertNullNamed("queue", () -> Flows.subscriber(group, null));
                        assertNullNamed("subscriber", () -> Flows.publisher(group, io.queue(1)).subscribe(null));
                    }
                }),
                Case.concurrent(area, "cancel of a task's CompletableFuture racing the task's end from many threads: both agree, once", io -> {
                    long end = System.nanoTime() + BUDGET_NANOS;
                    for (int round = 0; round < RACE_ROUNDS && System.nanoTime() - end < 0; round++) {
                        Event go = io.event();
                        Future<Integer, RuntimeException> task = io.concurrent(() -> {
                            go.await();
                            return 7;
                        });
                        CompletableFuture<Integer> cf = task.toCompletableFuture();
                        AtomicInteger canceledBy = new AtomicInteger(); // cancel() is true for each once canceled
                        Threads cancelers = new Threads().start(3, () -> {
                            if (cf.cancel(true)) {
                                canceledBy.incrementAndGet();
                            }
                        });
                        go.set();
                        cancelers.join(io);
                        Integer result;
                        try {
                            result = task.await();
                        } catch (CanceledException e) {
                            result = null;
                        }
                        Integer seen;
                        try {
                            seen = io.await(cf);
                        } catch (CanceledException e) {
                            seen = null;
                        }
                        if (result == null) {
                            assertTrue(cf.isCancelled(), "the task ended canceled but its CompletableFuture was not");
                        } else {
                            assertEquals(7, result);
                            assertTrue(seen == null ? cf.isCancelled() : seen == 7);
                        }
                        assertTrue(canceledBy.get() == 0 || cf.isCancelled(), "a cancel that succeeded left it uncanceled");
                    }
                }));
    }

    /**
     * A command for an executor: it runs on a thread (a task's, or the blocking pool's), never in
     * a task's coroutine, and waits for {@code release}, a cancellation point where it runs in
     * its task.
     */
    @NeverSuspends
    private static String awaitRelease(Event started, Event release, AtomicInteger ended, AtomicInteger interrupted) {
        started.set();
        try {
            release.await();
            return "released";
        } finally {
            if (Thread.currentThread().isInterrupted()) {
                interrupted.incrementAndGet();
            }
            ended.incrementAndGet();
        }
    }

    private static void assertNullNamed(String name, Checks.Body body) {
        NullPointerException e = assertThrows(NullPointerException.class, body);
        assertTrue(e.getMessage() != null && e.getMessage().startsWith(name + " is null"), e.getMessage());
    }

    /**
     * A subscriber that records each signal into a zsync queue, for the test to take in order:
     * the subscription first, then each element, {@link #COMPLETE}, or the error.
     */
    private static final class Recorder<T> implements Flow.Subscriber<T> {

        static final Object COMPLETE = "onComplete";

        private final Queue<Object> signals;

        Recorder(Io io) {
            signals = io.queue(1_000);
        }

        Flow.Subscription subscribed() {
            Object first = signals.get();
            if (first instanceof Flow.Subscription s) {
                return s;
            }
            return fail("the first signal was not onSubscribe but " + first);
        }

        Object next() {
            return signals.get();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            signals.tryPut(subscription);
        }

        @Override
        public void onNext(T item) {
            signals.tryPut(item);
        }

        @Override
        public void onError(Throwable throwable) {
            signals.tryPut(throwable);
        }

        @Override
        public void onComplete() {
            signals.tryPut(COMPLETE);
        }
    }

    /** A subscription the test drives as a publisher would: it counts what is requested. */
    private static final class Upstream implements Flow.Subscription {

        final AtomicLong requested = new AtomicLong();
        final Event canceled;
        private final Event changed;

        Upstream(Io io) {
            canceled = io.event();
            changed = io.event();
        }

        @Override
        public void request(long n) {
            requested.addAndGet(n);
            changed.set();
        }

        @Override
        public void cancel() {
            canceled.set();
        }

        void awaitRequested(long atLeast) {
            while (true) {
                changed.reset();
                if (requested.get() >= atLeast) {
                    return;
                }
                changed.await();
            }
        }
    }
}
