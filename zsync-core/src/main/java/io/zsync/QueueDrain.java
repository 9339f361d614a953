package io.zsync;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription of {@link Flows#publisher}: the task that signals its subscriber, and the
 * subscription that subscriber holds. Every signal comes from the task, so they are serial
 * (§1.3); {@code request} and {@code cancel} only record what they ask and wake the task.
 */
final class QueueDrain<T> implements VoidTask<RuntimeException>, Flow.Subscription {

    /** The subscription of a stream refused before it began, which has nothing to request or cancel. */
    static final Flow.Subscription NOTHING = new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    };

    private final CoreIo runtime;
    private final Queue<T> queue;
    private final Flow.Subscriber<? super T> subscriber;
    /** Set by every request and cancel: the task waits on it for demand. */
    private final Event changed;
    private final AtomicLong demand = new AtomicLong();
    /** What the first {@code request(n)} with {@code n <= 0} ends the stream with, or {@code null}. */
    private volatile IllegalArgumentException badRequest;
    private volatile boolean canceled;
    /** The task, set before the subscriber gets this subscription, so that {@link #cancel} can wake it. */
    private volatile Future<?, ?> task;

    QueueDrain(CoreIo runtime, Queue<T> queue, Flow.Subscriber<? super T> subscriber) {
        this.runtime = runtime;
        this.queue = queue;
        this.subscriber = subscriber;
        this.changed = new Event(runtime);
    }

    @Override
    public void run() {
        task = runtime.currentTask();
        subscriber.onSubscribe(this);
        try {
            while (awaitDemand()) {
                T next;
                try {
                    next = queue.get();
                } catch (QueueClosedException drained) {
                    subscriber.onComplete();
                    return;
                }
                demand.decrementAndGet();
                subscriber.onNext(next);
            }
        } catch (CanceledException e) {
            if (!canceled) {
                subscriber.onError(e);
                throw e;
            }
            // the subscriber's cancel() woke the wait: the stream just ends
        }
    }

    /**
     * Waits until the subscriber wants an element; {@code false} if it canceled, or requested
     * {@code n <= 0}, which ends the stream with {@code onError} (§3.9).
     */
    private boolean awaitDemand() {
        while (true) {
            changed.reset();
            if (canceled) {
                return false;
            }
            IllegalArgumentException bad = badRequest;
            if (bad != null) {
                canceled = true;
                subscriber.onError(bad);
                return false;
            }
            if (demand.get() > 0) {
                return true;
            }
            changed.await();
        }
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            if (badRequest == null) {
                badRequest = new IllegalArgumentException("request(" + n
                        + "): Reactive Streams §3.9 asks for a positive number of elements; the subscription is canceled");
            }
        } else {
            demand.accumulateAndGet(n, (had, more) -> had + more < 0 ? Long.MAX_VALUE : had + more);
        }
        changed.set();
    }

    @Override
    public void cancel() {
        canceled = true;
        changed.set();
        Future<?, ?> running = task;
        if (running != null) {
            running.requestCancel(); // wakes a queue.get() that waits for an element
        }
    }
}
