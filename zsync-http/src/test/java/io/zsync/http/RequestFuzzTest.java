package io.zsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.junit.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded mutations of real requests: the parser refuses what it cannot read with
 * {@link HttpProtocolException} (or sees the input end), never anything else, never loops, and
 * keeps no more than its limits; the server, fed the same over sockets, answers or closes each
 * and goes on serving. {@code -Dzsync.fuzz.requests=N} sets the parser's count (1,000,000 by
 * default), {@code -Dzsync.fuzz.seed=S} the seed.
 */
@ExtendWith(LeakCheck.class)
@Timeout(300)
class RequestFuzzTest {

    private static final int REQUESTS = Integer.getInteger("zsync.fuzz.requests", 1_000_000);
    private static final long SEED = Long.getLong("zsync.fuzz.seed", 20261202L);
    private static final ServerOptions LIMITS = ServerOptions.defaults().maxRequestLineBytes(256).maxHeaderBytes(1024)
            .maxHeaderCount(16).maxBodyBytes(4096);

    /** Requests as real clients send them (curl, browsers, proxies, pipelined, chunked). */
    static final List<String> CORPUS = List.of(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n",
            "GET /search?q=zig%20io&lang=en HTTP/1.1\r\nHost: example.com\r\nAccept-Encoding: gzip, deflate\r\n"
                    + "Connection: keep-alive\r\nCookie: a=1; b=2\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"key\":\"value\"}",
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=v\r\n world\r\n0\r\nX-T: 1\r\n\r\n",
            "HEAD /index.html HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"abc\"\r\nRange: bytes=0-99\r\n\r\n",
            "GET http://x/abs?y=1 HTTP/1.1\r\nHost: x\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "PUT /f HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
            "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nPOST /3 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok",
            "DELETE /users/7 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc.def.ghi\r\n\r\n");
    private static final byte[] INTERESTING = " \t\r\n:;,=\"\0\u00ff0123456789abcdefABCDEF-/%?#*".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void theParserRefusesEveryMutationCleanlyWithinItsLimits() throws IOException {
        RequestParser parser = new RequestParser(LIMITS);
        Random random = new Random(SEED);
        int[] outcomes = new int[3];
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            byte[] input = mutate(random);
            try {
                outcomes[parseAll(parser, input)]++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("mutation " + i + " of seed " + SEED + " broke the parser: "
                        + new String(input, StandardCharsets.ISO_8859_1), e);
            }
        }
        long nanos = System.nanoTime() - start;
        System.out.printf("request fuzz: %,d mutated requests (seed %d) in %.1f s, %.2f us each: %,d parsed whole,"
                + " %,d refused with a status, %,d ended early%n", REQUESTS, SEED, nanos / 1e9, nanos / 1e3 / REQUESTS,
                outcomes[0], outcomes[1], outcomes[2]);
        assertTrue(outcomes[0] > REQUESTS / 100 && outcomes[1] > REQUESTS / 100, "the mutations reach both outcomes");
    }

    /** 0: every request read whole; 1: refused with a status; 2: the input ended inside a message. */
    private static int parseAll(RequestParser parser, byte[] input) throws IOException {
        Reader in = Reader.fixed(input);
        Writer out = Writer.discarding();
        InetSocketAddress remote = HttpServerTest.ANY_PORT;
        try {
            for (int messages = 0; messages <= input.length; messages++) {
                RequestParser.ParsedRequest parsed = parser.read(in, out, remote);
                if (parsed == null) {
                    return 0;
                }
                assertWithinLimits(parsed.request());
                if (parsed.body() != null) {
                    long read = parsed.body().discard(Long.MAX_VALUE);
                    assertTrue(read <= LIMITS.maxBodyBytes(), "a body past the limit was read");
                }
            }
            throw new AssertionError("more messages than bytes: the parser loops");
        } catch (HttpProtocolException e) {
            assertTrue(e.status() >= 400 && e.status() < 600);
            return 1;
        } catch (java.io.EOFException e) {
            return 2;
        }
    }

    private static void assertWithinLimits(Request request) {
        Headers headers = request.headers();
        long bytes = 0;
        for (int i = 0; i < headers.size(); i++) {
            bytes += headers.name(i).length() + headers.value(i).length();
        }
        assertTrue(headers.size() <= LIMITS.maxHeaderCount() && bytes <= LIMITS.maxHeaderBytes(), "a head past the limits was kept");
        assertTrue(request.target().length() <= LIMITS.maxRequestLineBytes());
    }

    static byte[] mutate(Random random) {
        byte[] base = CORPUS.get(random.nextInt(CORPUS.size())).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + 64);
        out.writeBytes(base);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            byte[] b = out.toByteArray();
            if (b.length == 0) {
                break;
            }
            out.reset();
            int at = random.nextInt(b.length);
            switch (random.nextInt(8)) {
                case 0 -> { // flip a byte
                    b[at] = (byte) random.nextInt(256);
                    out.writeBytes(b);
                }
                case 1 -> { // insert an interesting byte
                    out.write(b, 0, at);
                    out.write(INTERESTING[random.nextInt(INTERESTING.length)]);
                    out.write(b, at, b.length - at);
                }
                case 2 -> { // delete a span
                    int len = Math.min(b.length - at, 1 + random.nextInt(8));
                    out.write(b, 0, at);
                    out.write(b, at + len, b.length - at - len);
                }
                case 3 -> { // duplicate a span
                    int len = Math.min(b.length - at, 1 + random.nextInt(40));
                    out.write(b, 0, at + len);
                    out.write(b, at, b.length - at);
                }
                case 4 -> out.write(b, 0, at); // truncate
                case 5 -> { // a long run of one byte
                    out.write(b, 0, at);
                    byte[] run = new byte[1 + random.nextInt(2000)];
                    java.util.Arrays.fill(run, INTERESTING[random.nextInt(INTERESTING.length)]);
                    out.writeBytes(run);
                    out.write(b, at, b.length - at);
                }
                case 6 -> { // a header line, many times
                    int lineEnd = indexOfCrlf(b);
                    int from = lineEnd < 0 ? b.length : lineEnd + 2;
                    out.write(b, 0, from);
                    String line = "X-R: " + random.nextInt() + "\r\n";
                    out.writeBytes(line.repeat(1 + random.nextInt(40)).getBytes(StandardCharsets.ISO_8859_1));
                    out.write(b, from, b.length - from);
                }
                default -> { // a number made big, or a chunk size made hex-huge
                    String big = random.nextBoolean() ? "99999999999999999999" : "fffffffffffffff";
                    out.write(b, 0, at);
                    out.writeBytes(big.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(b, at, b.length - at);
                }
            }
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void theServerAnswersOrClosesEveryMutatedRequestAndGoesOnServing(String backend) throws IOException {
        Random random = new Random(SEED + backend.hashCode());
        try (Io io = HttpServerTest.open(backend);
                HttpServer server = HttpServer.start(io, HttpServerTest.ANY_PORT, HttpServerTest.routes(), LIMITS)) {
            for (int i = 0; i < 1_000; i++) {
                byte[] input = mutate(random);
                try (RawClient raw = new RawClient(server.port())) {
                    raw.send(input).shutdownOutput();
                    raw.drain();
                } catch (SocketException reset) {
                    // A reset is the server closing on a request it refused: an answer too.
                }
            }
            try (RawClient raw = new RawClient(server.port())) {
                assertEquals("Hello, World!", raw.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").read().text());
            }
        }
    }
}
