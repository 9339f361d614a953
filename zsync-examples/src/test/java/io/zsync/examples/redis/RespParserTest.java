package io.zsync.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.io.Reader;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parser alone, on bytes: every type, strictness, the limits, and seeded mutations of real
 * frames, which must each give a reply or a clear error, never another exception, a hang or an
 * allocation that follows what a frame claims rather than what it sent.
 */
@Timeout(120)
class RespParserTest {

    /** Mutated frames parsed by the fuzz test. */
    private static final int MUTATIONS = 200_000;
    private static final long FUZZ_GUARD_NANOS = TimeUnit.SECONDS.toNanos(90);
    /** Tight limits for the fuzz, but for the bulk length: a lie about it must not cost its size. */
    private static final RespLimits FUZZ_LIMITS = new RespLimits(1024, 64 << 20, 1000, 8, 128 << 20);
    /** The most one parse of a fuzzed frame (at most a few KiB) may allocate. */
    private static final long FUZZ_ALLOCATION_BOUND = 1 << 20;

    /** Real frames of every type, as Redis sends them, the seeds of the fuzz. */
    private static final List<String> CORPUS = List.of(
            "+OK\r\n", "-ERR unknown command 'FOO'\r\n", ":0\r\n", ":-9223372036854775808\r\n", ":9223372036854775807\r\n",
            "$5\r\nhello\r\n", "$0\r\n\r\n", "$-1\r\n", "*-1\r\n", "*0\r\n",
            "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n:42\r\n", "*2\r\n*2\r\n+a\r\n+b\r\n*1\r\n$1\r\nc\r\n",
            "_\r\n", "#t\r\n", "#f\r\n", ",3.141\r\n", ",-inf\r\n", ",nan\r\n", ",1.5e+300\r\n",
            "(1234567999999999999999999999999999999\r\n", "=15\r\ntxt:Some string\r\n", "!21\r\nSYNTAX invalid syntax\r\n",
            "%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n", "~3\r\n:1\r\n:2\r\n:3\r\n",
            ">3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n",
            "|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.1923\r\n$1\r\nb\r\n,0.0012\r\n*2\r\n:2039123\r\n:9543892\r\n",
            "%1\r\n*1\r\n+k\r\n~1\r\n%1\r\n_\r\n#t\r\n");

    private static Reply parse(String frame) throws IOException {
        return parse(frame.getBytes(StandardCharsets.UTF_8), RespLimits.defaults());
    }

    private static Reply parse(byte[] frame, RespLimits limits) throws IOException {
        return new RespParser(Reader.fixed(frame), limits).read();
    }

    @Test
    void everyTypeIsParsed() throws IOException {
        assertEquals(new Reply.SimpleString("OK"), parse("+OK\r\n"));
        assertEquals(new Reply.ErrorReply("ERR no"), parse("-ERR no\r\n"));
        assertEquals("ERR", ((Reply.ErrorReply) parse("-ERR no\r\n")).code());
        assertEquals(new Reply.IntegerReply(Long.MIN_VALUE), parse(":-9223372036854775808\r\n"));
        assertEquals(new Reply.BulkString("a\r\nb".getBytes(StandardCharsets.US_ASCII)), parse("$4\r\na\r\nb\r\n"));
        assertEquals(Reply.NullReply.NULL, parse("$-1\r\n"));
        assertEquals(Reply.NullReply.NULL, parse("*-1\r\n"));
        assertEquals(Reply.NullReply.NULL, parse("_\r\n"));
        assertEquals(new Reply.BooleanReply(true), parse("#t\r\n"));
        assertEquals(new Reply.DoubleReply(Double.NEGATIVE_INFINITY), parse(",-inf\r\n"));
        assertTrue(Double.isNaN(((Reply.DoubleReply) parse(",nan\r\n")).value()));
        assertEquals(new Reply.DoubleReply(1.5e300), parse(",1.5e+300\r\n"));
        assertEquals(new Reply.BigNumberReply(new BigInteger("-1234567999999999999999999999999999999")),
                parse("(-1234567999999999999999999999999999999\r\n"));
        assertEquals(new Reply.VerbatimString("mkd", "# hi".getBytes(StandardCharsets.US_ASCII)), parse("=8\r\nmkd:# hi\r\n"));
        assertEquals(new Reply.ErrorReply("SYNTAX bad"), parse("!10\r\nSYNTAX bad\r\n"));
        assertEquals(new Reply.MapReply(Map.of(new Reply.SimpleString("a"), new Reply.IntegerReply(1))), parse("%1\r\n+a\r\n:1\r\n"));
        assertEquals(new Reply.SetReply(List.of(new Reply.IntegerReply(1))), parse("~1\r\n:1\r\n"));
        assertEquals(new Reply.PushReply(List.of(new Reply.SimpleString("x"))), parse(">1\r\n+x\r\n"));
        assertEquals(new Reply.ArrayReply(List.of(new Reply.ArrayReply(List.of()), Reply.NullReply.NULL)), parse("*2\r\n*0\r\n$-1\r\n"));
        assertEquals(new Reply.SimpleString("after"), parse("|1\r\n+k\r\n+v\r\n+after\r\n"), "an attribute is dropped");
    }

    @Test
    void badFramesSayWhatIsWrong() {
        assertBad("+OK\n", "ends with LF alone");
        assertBad("\r\n", "empty line");
        assertBad("?x\r\n", "unknown type byte '?'");
        assertBad("\u0001\r\n", "unknown type byte 0x01");
        assertBad(":12a\r\n", "not a decimal number");
        assertBad(":\r\n", "without digits");
        assertBad(":9223372036854775808\r\n", "too big for 64 bits");
        assertBad("$3\r\nabcd\r\n", "not followed by CRLF");
        assertBad("$-2\r\n", "of length -2");
        assertBad("$?\r\n", "streamed");
        assertBad("*-2\r\n", "of size -2");
        assertBad("#x\r\n", "neither #t nor #f");
        assertBad(",1.2.3\r\n", "not a number");
        assertBad(",Infinity\r\n", "not a number");
        assertBad(",0x1p3\r\n", "not a number");
        assertBad("(12x\r\n", "big number that is not");
        assertBad("_x\r\n", "null with bytes");
        assertBad("=3\r\ntxt\r\n", "too short for its format");
        assertBad("=5\r\ntxt!a\r\n", "three-letter format");
    }

    @Test
    void theLimitsAreEnforcedBeforeAllocating() {
        RespLimits limits = new RespLimits(16, 100, 10, 2, 1000);
        assertBad("+" + "x".repeat(17) + "\r\n", limits, "maxLineLength");
        assertBad("$101\r\n", limits, "maxBulkLength");
        assertBad("*11\r\n", limits, "maxAggregateSize");
        assertBad("%11\r\n", limits, "maxAggregateSize");
        assertBad("*1\r\n*1\r\n*1\r\n:1\r\n", limits, "maxDepth");
        assertBad("|1\r\n*1\r\n*1\r\n:1\r\n", limits, "maxDepth");
        assertBad("*10\r\n" + "$90\r\n" + "x".repeat(90) + "\r\n" + "$90\r\n" + "x".repeat(90) + "\r\n", new RespLimits(16, 100, 10, 2, 150),
                "maxReplyBytes");
    }

    @Test
    void aFrameThatLiesAboutItsSizeCostsWhatItSent() throws IOException {
        RespLimits defaults = RespLimits.defaults();
        for (String lie : List.of("$536870912\r\nabc", "*16777216\r\n:1\r\n", "%16777216\r\n", "~16777216\r\n",
                "=536870912\r\ntxt:", "!536870912\r\n")) {
            long before = AllocatedBytes.ofThisThread();
            try {
                fail("a cut frame was taken: " + parse(lie.getBytes(StandardCharsets.US_ASCII), defaults));
            } catch (EOFException expected) {
                assertTrue(expected.getMessage().contains("in the middle of a reply"), expected.getMessage());
            }
            long allocated = AllocatedBytes.ofThisThread() - before;
            assertTrue(allocated < FUZZ_ALLOCATION_BOUND, lie.strip() + " made the parser allocate " + allocated + " bytes");
        }
    }

    @Test
    void deepNestingAndLongChainsOfAttributesNeitherOverflowTheStackNorPass() throws IOException {
        assertBad("*1\r\n".repeat(100_000) + ":1\r\n", RespLimits.defaults(), "maxDepth");
        assertEquals(new Reply.SimpleString("end"), parse("|0\r\n".repeat(100_000) + "+end\r\n"), "attributes are a loop, not recursion");
    }

    @Test
    void theEndOfTheStreamBeforeAReplyIsTold() {
        try {
            fail("nothing gave " + parse(""));
        } catch (EOFException expected) {
            assertEquals("the server closed the connection", expected.getMessage());
        } catch (IOException e) {
            fail(e);
        }
    }

    /**
     * Seeded mutations of the corpus (bytes flipped, inserted, dropped, cut, spliced, numbers
     * replaced by extreme ones): each parse ends with a reply, {@link RedisProtocolException} or
     * {@link EOFException}, within a bounded allocation.
     */
    @Test
    void mutatedFramesGiveAReplyOrAClearError() {
        SplittableRandom random = new SplittableRandom(0x5EED);
        long guard = System.nanoTime() + FUZZ_GUARD_NANOS;
        int replies = 0;
        int protocolErrors = 0;
        int cut = 0;
        long mostAllocated = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] frame = mutate(random);
            long before = AllocatedBytes.ofThisThread();
            try {
                parse(frame, FUZZ_LIMITS);
                replies++;
            } catch (RedisProtocolException expected) {
                protocolErrors++;
            } catch (EOFException expected) {
                cut++;
            } catch (Throwable t) {
                throw new AssertionError("mutation " + i + " " + show(frame) + " threw " + t, t);
            }
            long allocated = AllocatedBytes.ofThisThread() - before;
            mostAllocated = Math.max(mostAllocated, allocated);
            if (allocated > FUZZ_ALLOCATION_BOUND) {
                fail("mutation " + i + " " + show(frame) + " (" + frame.length + " bytes) made the parser allocate " + allocated + " bytes");
            }
            if (System.nanoTime() - guard > 0) {
                fail("the fuzz took longer than 90 s: a parse is too slow; stopped at mutation " + i);
            }
        }
        System.out.printf("RESP fuzz: %d mutated frames: %d replies, %d protocol errors, %d cut short; at most %d bytes allocated by one%n",
                MUTATIONS, replies, protocolErrors, cut, mostAllocated);
        assertTrue(replies > 0 && protocolErrors > 0 && cut > 0, "the mutations reach every outcome");
    }

    private static final String[] EXTREMES = {"2147483647", "2147483648", "-1", "-2", "9223372036854775807",
        "99999999999999999999", "0", "67108864", "?", "", "1e3"};

    private static byte[] mutate(SplittableRandom random) {
        byte[] frame = CORPUS.get(random.nextInt(CORPUS.size())).getBytes(StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            frame = switch (random.nextInt(7)) {
                case 0 -> flip(frame, random);
                case 1 -> insert(frame, random);
                case 2 -> drop(frame, random);
                case 3 -> Arrays.copyOf(frame, random.nextInt(frame.length + 1));     // cut short
                case 4 -> splice(frame, CORPUS.get(random.nextInt(CORPUS.size())).getBytes(StandardCharsets.UTF_8), random);
                case 5 -> replaceNumber(frame, EXTREMES[random.nextInt(EXTREMES.length)], random);
                default -> repeat(frame, random);
            };
        }
        return frame;
    }

    private static byte[] flip(byte[] frame, SplittableRandom random) {
        if (frame.length == 0) {
            return frame;
        }
        byte[] copy = frame.clone();
        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        return copy;
    }

    private static byte[] insert(byte[] frame, SplittableRandom random) {
        byte[] special = {'\r', '\n', '*', '$', '%', '|', '-', ':', '0'};
        int at = random.nextInt(frame.length + 1);
        byte b = random.nextBoolean() ? special[random.nextInt(special.length)] : (byte) random.nextInt(256);
        byte[] copy = new byte[frame.length + 1];
        System.arraycopy(frame, 0, copy, 0, at);
        copy[at] = b;
        System.arraycopy(frame, at, copy, at + 1, frame.length - at);
        return copy;
    }

    private static byte[] drop(byte[] frame, SplittableRandom random) {
        if (frame.length == 0) {
            return frame;
        }
        int at = random.nextInt(frame.length);
        byte[] copy = new byte[frame.length - 1];
        System.arraycopy(frame, 0, copy, 0, at);
        System.arraycopy(frame, at + 1, copy, at, frame.length - at - 1);
        return copy;
    }

    private static byte[] splice(byte[] frame, byte[] other, SplittableRandom random) {
        int at = random.nextInt(frame.length + 1);
        byte[] copy = Arrays.copyOf(frame, at + other.length);
        System.arraycopy(other, 0, copy, at, other.length);
        return copy;
    }

    /** Replaces the first run of digits after a random point by {@code number}. */
    private static byte[] replaceNumber(byte[] frame, String number, SplittableRandom random) {
        int from = frame.length == 0 ? 0 : random.nextInt(frame.length);
        int start = from;
        while (start < frame.length && (frame[start] < '0' || frame[start] > '9')) {
            start++;
        }
        if (start == frame.length) {
            return frame;
        }
        int end = start;
        while (end < frame.length && frame[end] >= '0' && frame[end] <= '9') {
            end++;
        }
        byte[] digits = number.getBytes(StandardCharsets.US_ASCII);
        byte[] copy = new byte[frame.length - (end - start) + digits.length];
        System.arraycopy(frame, 0, copy, 0, start);
        System.arraycopy(digits, 0, copy, start, digits.length);
        System.arraycopy(frame, end, copy, start + digits.length, frame.length - end);
        return copy;
    }

    /** Repeats a random slice a few times: deep nesting, long chains. */
    private static byte[] repeat(byte[] frame, SplittableRandom random) {
        if (frame.length == 0 || frame.length > 4096) {
            return frame;
        }
        int start = random.nextInt(frame.length);
        int length = 1 + random.nextInt(Math.min(8, frame.length - start));
        int times = 1 + random.nextInt(64);
        List<Byte> out = new ArrayList<>();
        for (int i = 0; i < start + length; i++) {
            out.add(frame[i]);
        }
        for (int t = 0; t < times; t++) {
            for (int i = start; i < start + length; i++) {
                out.add(frame[i]);
            }
        }
        for (int i = start + length; i < frame.length; i++) {
            out.add(frame[i]);
        }
        byte[] copy = new byte[out.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = out.get(i);
        }
        return copy;
    }

    private static String show(byte[] frame) {
        StringBuilder shown = new StringBuilder("'");
        for (int i = 0; i < Math.min(frame.length, 120); i++) {
            byte b = frame[i];
            shown.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return shown.append(frame.length > 120 ? "...'" : "'").toString();
    }

    private static void assertBad(String frame, String expected) {
        assertBad(frame, RespLimits.defaults(), expected);
    }

    private static void assertBad(String frame, RespLimits limits, String expected) {
        try {
            fail("a bad frame was taken: " + parse(frame.getBytes(StandardCharsets.ISO_8859_1), limits));
        } catch (RedisProtocolException e) {
            assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        } catch (IOException e) {
            throw new AssertionError("expected a RedisProtocolException for " + frame.strip() + ", got " + e, e);
        }
    }
}
