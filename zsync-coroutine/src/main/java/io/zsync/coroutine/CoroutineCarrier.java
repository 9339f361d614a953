package io.zsync.coroutine;

/**
 * A platform thread that runs {@link Coroutine}s: an event loop thread of a backend that runs
 * woven, stackless tasks. Woven code finds the coroutine it runs on through the carrier it runs
 * on, so a backend must run coroutines on threads of this class.
 */
public class CoroutineCarrier extends Thread {

    /** The coroutine running now, or {@code null}; touched by this thread only. */
    Coroutine running;

    /**
     * A carrier that runs {@code body}, as {@link Thread#Thread(Runnable, String)} does.
     *
     * @param body what the thread runs: typically an event loop that {@linkplain Coroutine#step steps}
     *             coroutines
     * @param name the thread's name
     */
    public CoroutineCarrier(Runnable body, String name) {
        super(body, name);
    }
}
