package io.zsync;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * The subscriber of {@link Flows#subscriber}, and the task that moves what it is sent into the
 * queue. {@code onNext} never waits: it parks the element in a small inbox (room for every
 * element requested and not yet moved), and the task moves it on with a {@code put} that waits
 * while the queue is full, then requests one more. The publisher's signals may come from any
 * thread, but serially (§1.3).
 */
final class QueueFill<T> implements VoidTask<RuntimeException>, Flow.Subscriber<T> {

    private final Queue<T> queue;
    private final Queue<T> inbox;
    /** Guarded by {@code this}, with {@link #ended}. */
    private Flow.Subscription subscription;
    /** Guarded by {@code this}: the task ended, and canceled the subscription if there was one. */
    private boolean ended;
    /** The publisher's error, or the rule it broke; written before the inbox is closed. */
    private volatile Throwable failure;

    QueueFill(CoreIo runtime, Queue<T> queue) {
        this.queue = queue;
        this.inbox = new Queue<>(runtime, Math.max(1, queue.capacity()));
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription is null; Reactive Streams §2.13 forbids it");
        synchronized (this) {
            if (subscription == null && !ended) {
                subscription = s;
                s = null;
            }
        }
        if (s != null) {
            s.cancel(); // §2.5: a second subscription, or one that came after the task ended
            return;
        }
        subscription().request(inbox.capacity());
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, "item is null; Reactive Streams §2.13 forbids null elements");
        try {
            if (!inbox.tryPut(item)) {
                fail(new IllegalStateException("the publisher sent more elements than were requested"
                        + " (Reactive Streams §1.1); its subscription is canceled"));
                cancelSubscription();
            }
        } catch (QueueClosedException afterTheEnd) {
            // the stream ended, or was canceled, and the publisher has not seen it yet (§2.8)
        }
    }

    @Override
    public void onError(Throwable error) {
        Objects.requireNonNull(error, "error is null; Reactive Streams §2.13 forbids it");
        fail(error);
    }

    @Override
    public void onComplete() {
        inbox.close();
    }

    private void fail(Throwable error) {
        if (failure == null) {
            failure = error;
        }
        inbox.close();
    }

    /** The task: moves elements from the inbox into the queue until the stream ends. */
    @Override
    public void run() {
        try {
            while (true) {
                T next;
                try {
                    next = inbox.get();
                } catch (QueueClosedException streamEnded) {
                    break;
                }
                try {
                    queue.put(next);
                } catch (QueueClosedException consumerClosed) {
                    cancelSubscription();
                    return;
                }
                subscription().request(1);
            }
        } catch (CanceledException e) {
            cancelSubscription();
            queue.close();
            throw e;
        }
        queue.close();
        Throwable error = failure;
        if (error != null) {
            throw new CompletionException("the publisher failed: " + error, error);
        }
    }

    private synchronized Flow.Subscription subscription() {
        return subscription;
    }

    /** Ends the stream from this side: cancels the subscription (now, or as it arrives) and takes nothing more. */
    private void cancelSubscription() {
        Flow.Subscription s;
        synchronized (this) {
            ended = true;
            s = subscription;
        }
        inbox.close();
        if (s != null) {
            s.cancel();
        }
    }
}
