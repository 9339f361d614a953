package io.zsync;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * Adapters between a {@link Queue} and {@link java.util.concurrent.Flow}, the JDK's form of
 * Reactive Streams: a {@linkplain #publisher publisher} that drains a queue to subscribers as they
 * ask for elements, and a {@linkplain #subscriber subscriber} that puts what a publisher sends into
 * a queue, asking for more as the queue takes it. Either side then meets code that speaks
 * {@code Flow} (the JDK's {@code HttpClient} body publishers and subscribers,
 * {@link java.util.concurrent.SubmissionPublisher}, reactive libraries).
 *
 * <p>Both run their side of the stream in a task of the {@link Group} they are given: the group
 * is who ends it. {@code group.await()} waits until every stream the adapters run in it has ended
 * (and throws a publisher's error, see {@link #subscriber}); {@code group.close()}, or the
 * cancellation of the group's owner, cancels the streams. Those tasks must run concurrently with
 * the code that feeds or empties the queue: on a backend without concurrency ({@code blocking})
 * the adapters refuse with {@link ConcurrencyUnavailableException}.
 *
 * <p>The Reactive Streams rules that concern an adapter hold: signals to a subscriber are serial
 * (§1.3), each follows its subscription's {@code onSubscribe}, and never more {@code onNext} than
 * requested (§1.1); {@code request(n)} with {@code n <= 0} ends the stream with
 * {@link IllegalArgumentException} (§3.9); demand adds up to {@link Long#MAX_VALUE}, which is
 * unbounded (§3.17); {@code request} and {@code cancel} may be called from any thread, from inside
 * {@code onNext} too, and return at once (§3.3, §3.4, §3.5); {@code null} is refused with
 * {@link NullPointerException} (§1.9, §2.13).
 */
public final class Flows {

    private Flows() {}

    /**
     * A publisher of the elements of {@code queue}, taken from it as its subscribers request them.
     * Each {@code subscribe} starts a task in {@code group} that signals that subscriber, in its
     * own task (on {@code evented}, on an event loop: a subscriber's methods must not block,
     * which Reactive Streams §2.2 asks of them anyway). Several subscribers share the queue's
     * elements, each element going to one of them, as the getters of a queue do.
     *
     * <ul>
     *   <li>Once {@code queue} is closed and drained, the subscriber gets {@code onComplete}.</li>
     *   <li>{@code cancel()} stops the task; an element it had already taken is still delivered
     *       (§2.8 lets it), none is lost in the queue.</li>
     *   <li>If the task is canceled (the group closed or canceled), the subscriber gets
     *       {@code onError} with the {@link CanceledException}.</li>
     *   <li>If the group cannot start the task (it is closed, its {@code Io} is closed, or the
     *       backend has no concurrency free), the subscriber gets {@code onSubscribe} and then
     *       {@code onError} with the reason, at once, in {@code subscribe} (§1.9).</li>
     *   <li>A subscriber method that throws (which §2.13 forbids) ends the stream, and fails the
     *       task, and so the group, with what it threw.</li>
     * </ul>
     */
    public static <T> Flow.Publisher<T> publisher(Group<?> group, Queue<T> queue) {
        Objects.requireNonNull(group, "group is null; pass the group whose tasks drain the queue to subscribers");
        Objects.requireNonNull(queue, "queue is null; pass the queue whose elements to publish");
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber is null; Reactive Streams §1.9 forbids it");
            QueueDrain<T> drain = new QueueDrain<>(group.runtime, queue, subscriber);
            try {
                group.runtime.spawnConcurrent(drain, group);
            } catch (ConcurrencyUnavailableException | IllegalStateException refused) {
                subscriber.onSubscribe(QueueDrain.NOTHING);
                subscriber.onError(refused);
            }
        };
    }

    /**
     * A subscriber that puts every element it is sent into {@code queue}, with backpressure: it
     * requests {@code max(1, queue.capacity())} elements at first, then one more each time one of
     * them has gone into the queue, so that it never holds more than that many beyond what the
     * queue holds. A task in {@code group}, started now, moves the elements; it ends when the
     * stream does. Subscribe it once: a second subscription is canceled (§2.5).
     *
     * <ul>
     *   <li>{@code onComplete}: the queue is closed once every element sent is in it, so its
     *       getters drain it and then get {@link QueueClosedException}.</li>
     *   <li>{@code onError}: the same, and then the task fails with a
     *       {@link CompletionException} whose cause is the publisher's error, which
     *       {@code group.await()} throws (a failure of the group, which cancels its other tasks
     *       as any failure does).</li>
     *   <li>Closing {@code queue} from the consuming side cancels the subscription, when the next
     *       element arrives; to cancel it at once, close or cancel the group. Either way the
     *       task cancels the subscription and closes the queue.</li>
     *   <li>A publisher that sends more than was requested (§1.1) is canceled, and the task
     *       fails with {@link IllegalStateException}, as for an error.</li>
     * </ul>
     *
     * @throws ConcurrencyUnavailableException if the backend cannot run the task concurrently
     * @throws IllegalStateException if the group or its {@code Io} is closed
     */
    public static <T> Flow.Subscriber<T> subscriber(Group<?> group, Queue<T> queue) {
        Objects.requireNonNull(group, "group is null; pass the group whose task moves the elements into the queue");
        Objects.requireNonNull(queue, "queue is null; pass the queue to put the elements into");
        QueueFill<T> fill = new QueueFill<>(group.runtime, queue);
        group.runtime.spawnConcurrent(fill, group);
        return fill;
    }
}
