package io.zsync.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A failed bind is explained by its actual cause, as the system words it. */
class BindAdviceTest {

    @Test
    void eachCauseGetsItsOwnAdvice() {
        assertTrue(Net.bindAdvice("Address already in use", false).contains("another socket is bound there"));
        assertTrue(Net.bindAdvice("Address already in use", true).contains("the socket file exists"));
        assertTrue(Net.bindAdvice("Permission denied", false).contains("ports below 1024 need privileges"));
        assertTrue(Net.bindAdvice("Permission denied", true).contains("may not create a file"));
        assertTrue(Net.bindAdvice("Cannot assign requested address", false).contains("not one of this machine's"));
    }

    @Test
    void anUnknownCauseGetsNoGuess() {
        assertEquals("", Net.bindAdvice("Something else", false));
        assertEquals("", Net.bindAdvice(null, false));
    }
}
