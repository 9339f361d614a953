package io.zsync;

import java.util.concurrent.TimeUnit;

/**
 * A bounded run of rounds of a race test: at most a number of rounds, and none begun once a time
 * budget is spent, whichever comes first. {@link #report()} prints how many were done, so that a
 * run shows how hard it tried.
 */
public final class Rounds {

    private final String what;
    private final int max;
    private final long startNanos = System.nanoTime();
    private final long endNanos;
    private int done;

    /** At most {@code max} rounds of {@code what}, none begun after {@code budgetMillis}. */
    public Rounds(String what, int max, long budgetMillis) {
        this.what = what;
        this.max = max;
        this.endNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
    }

    /** Whether to run another round; counts it if so. */
    public boolean another() {
        if (done >= max || System.nanoTime() - endNanos >= 0) {
            return false;
        }
        done++;
        return true;
    }

    /** The round under way and how long the run has taken so far, for a failure message. */
    @Override
    public String toString() {
        return "round " + done + " of " + what + ", " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)
                + " ms in";
    }

    /** Prints how many rounds were done, of how many allowed, and in how long. */
    public void report() {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        System.out.println(what + ": " + done + " rounds (at most " + max + ") in " + millis + " ms");
    }
}
