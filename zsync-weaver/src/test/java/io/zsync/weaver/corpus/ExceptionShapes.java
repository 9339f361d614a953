package io.zsync.weaver.corpus;

import static io.zsync.weaver.harness.Leaf.await;
import static io.zsync.weaver.harness.Leaf.awaitRef;
import static io.zsync.weaver.harness.Leaf.fail;
import static io.zsync.weaver.harness.Leaf.pause;

import io.zsync.weaver.harness.LeafFailure;

/** Exceptions thrown and caught across suspensions, finally and try-with-resources. */
public final class ExceptionShapes {

    private ExceptionShapes() {}

    public static String caughtFromResumedCall() {
        String before = awaitRef("before ");
        try {
            fail("boom");
            return "not thrown";
        } catch (LeafFailure e) {
            return before + "caught " + e.getMessage();
        }
    }

    public static String thrownAfterResume() {
        int tries = 0;
        try {
            int x = await(1);
            tries++;
            if (x == 1) {
                throw new IllegalArgumentException("after " + tries);
            }
            return "no";
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " " + await(tries);
        }
    }

    public static int uncaughtFromResumedCall() {
        int x = await(1);
        return x + fail("escapes");
    }

    public static int uncaughtAfterResume() {
        int x = await(0);
        return 10 / x;
    }

    public static String finallyRuns() {
        StringBuilder log = new StringBuilder();
        try {
            log.append(await(1));
            fail("inner");
        } catch (LeafFailure e) {
            log.append(" catch ").append(awaitRef(e.getMessage()));
        } finally {
            log.append(" finally ").append(await(2));
        }
        return log.toString();
    }

    public static String finallyOnReturn() {
        StringBuilder log = new StringBuilder();
        return body(log) + " / " + log;
    }

    private static String body(StringBuilder log) {
        try {
            return "returned " + await(5);
        } finally {
            log.append("finally ").append(await(6));
        }
    }

    /** A resource whose close suspends too. */
    static final class Resource implements AutoCloseable {
        private final StringBuilder log;
        private final String name;

        Resource(StringBuilder log, String name) {
            this.log = log;
            this.name = name;
            log.append("open ").append(name).append(';');
        }

        String read() {
            return awaitRef(name + "-data");
        }

        @Override
        public void close() {
            pause();
            log.append("close ").append(name).append(';');
        }
    }

    public static String tryWithResources() {
        StringBuilder log = new StringBuilder();
        try (Resource a = new Resource(log, "a"); Resource b = new Resource(log, "b")) {
            log.append(a.read()).append(b.read()).append(';');
            fail("in body");
        } catch (LeafFailure e) {
            log.append("caught ").append(e.getMessage()).append(';');
        }
        return log.toString();
    }

    public static String nestedTry() {
        StringBuilder log = new StringBuilder();
        try {
            try {
                fail("deep");
            } finally {
                log.append("inner finally ").append(await(1)).append(';');
            }
        } catch (RuntimeException e) {
            log.append("outer catch ").append(awaitRef(e.getMessage())).append(';');
        }
        return log.toString();
    }

    public static String catchInLoop() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            try {
                if (i % 2 == 1) {
                    fail("odd " + i);
                }
                log.append(await(i));
            } catch (LeafFailure e) {
                log.append('[').append(awaitRef(e.getMessage())).append(']');
            }
        }
        return log.toString();
    }

    public static String exceptionLiveAcrossSuspension() {
        try {
            throw new IllegalStateException("kept");
        } catch (IllegalStateException e) {
            await(1);
            pause();
            return e.getMessage() + " " + e.getClass().getSimpleName();
        }
    }

    public static String multiCatch() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            try {
                switch (await(i)) {
                    case 0 -> throw new IllegalArgumentException("zero");
                    case 1 -> fail("one");
                    default -> log.append("none;");
                }
            } catch (IllegalArgumentException | LeafFailure e) {
                log.append(e.getClass().getSimpleName()).append(':').append(awaitRef(e.getMessage())).append(';');
            }
        }
        return log.toString();
    }
}
