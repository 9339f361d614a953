package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.tck.unwoven.Forward;
import io.zsync.tck.unwoven.Hop;
import io.zsync.tck.unwoven.Middle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A suspension through a frame the weaver did not rewrite, between two woven ones, fails at the
 * suspension (-Dzsync.checkWoven=true, which every zsync suite sets), naming that frame, before
 * anything is saved or resumed wrongly.
 */
class UnwovenFrameTest {

    @Test
    void aSuspensionThroughAnUnwovenMiddleFrameFailsNamingIt() throws Exception {
        assertTrue(Boolean.getBoolean("zsync.checkWoven"), "the suites run with -Dzsync.checkWoven=true");
        try (Io io = Io.open("evented")) {
            try {
                io.async(() -> new Middle(() -> io.sleep(Duration.ofMillis(1))).hop()).await();
                fail("the task suspended through an unwoven frame without an error");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().contains(Middle.class.getName() + ".hop")
                        && e.getMessage().contains("did not rewrite"), e.getMessage());
            }
        }
    }

    @Test
    void aForEachActionThatWasNotWovenFailsWhenItWaitsNamingIt() throws Exception {
        try (Io io = Io.open("evented")) {
            Queue<Integer> source = io.queue(1);
            Queue<Integer> rendezvous = io.queue(0);
            source.put(1);
            source.close();
            try {
                io.async(() -> source.forEach(new Forward(rendezvous))).await();
                fail("the task waited in an unwoven forEach action without an error");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().contains(Forward.class.getName() + ".accept")
                        && e.getMessage().contains("did not rewrite"), e.getMessage());
            }
        }
    }

    @Test
    void theSameChainWovenThroughoutSuspendsAndResumes() throws Exception {
        try (Io io = Io.open("evented")) {
            Hop woven = () -> io.sleep(Duration.ofMillis(1));
            Hop caller = () -> woven.hop();
            io.async(() -> {
                caller.hop();
                return null;
            }).await(); // resumed through woven frames only: no error
        }
    }
}
