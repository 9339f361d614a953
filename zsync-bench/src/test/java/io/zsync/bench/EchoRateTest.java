package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class EchoRateTest {

    @Test
    void the_result_line_gives_messages_seconds_and_rate() throws IOException {
        assertEquals(new EchoRate(1234567, 5.0, 246913.4), EchoRate.parse("msgs=1234567 seconds=5.00 rate=246913.4\n"));
    }

    @Test
    void the_result_line_is_found_among_other_output() throws IOException {
        EchoRate rate = EchoRate.parse("warming up\r\n  msgs=10 seconds=2 rate=5\r\ndone\n");

        assertEquals(new EchoRate(10, 2.0, 5.0), rate);
    }

    @Test
    void output_without_exactly_one_well_formed_result_line_is_refused() {
        for (String output : new String[] {
                "",
                "echo-client: connection 3: the server closed the connection before echoing message 7",
                "msgs=12 seconds=1.00",
                "msgs=12 seconds=1.00 rate=",
                "msgs=-12 seconds=1.00 rate=12.0",
                "msgs=12 seconds=1.00 rate=NaN",
                "msgs=1.5 seconds=1.00 rate=12.0",
                "msgs=12 seconds=1.00 rate=12.0 extra",
                "msgs=99999999999999999999 seconds=1.00 rate=1.0",
                "msgs=12 seconds=0.00 rate=12.0",
                "msgs=12 seconds=1.00 rate=12.0\nmsgs=13 seconds=1.00 rate=13.0"}) {
            IOException refused = assertThrows(IOException.class, () -> EchoRate.parse(output), output);
            assertTrue(refused.getMessage().startsWith("the echo client"), refused::getMessage);
        }
    }
}
