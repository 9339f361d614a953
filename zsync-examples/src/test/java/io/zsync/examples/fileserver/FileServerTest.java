package io.zsync.examples.fileserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import io.zsync.examples.Curl;
import io.zsync.http.ClientRequest;
import io.zsync.http.ClientResponse;
import io.zsync.http.HttpClient;
import io.zsync.junit.LeakCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file server on loopback, read by zsync's {@link HttpClient} in a task and by {@code curl}:
 * whole files (one of 8 MiB), ranges, ETags and 304, directory index, 404, and traversal out of
 * the root refused with 403 in every form ({@code ..}, encoded dots, an encoded slash, symbolic
 * links to a file and to a directory outside).
 */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class FileServerTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int BIG = 8 << 20;
    /** Each asks for what lies outside the root: refused with 403 whatever the client sends. */
    private static final List<String> TRAVERSALS = List.of("/../outside/secret.txt", "/sub/../../outside/secret.txt",
            "/%2e%2e/outside/secret.txt", "/sub/%2E%2E/%2e%2e/outside/secret.txt", "/..%2foutside%2fsecret.txt",
            "/sub%2f..%2f..%2foutside%2fsecret.txt", "/link.txt", "/linkdir/secret.txt");
    private static final String LOG_LINE_TIME = " \\d+\\.\\d\\dms";

    @TempDir
    Path dir;
    private Path root;
    private byte[] big;
    private final BlockingQueue<String> log = new LinkedBlockingQueue<>();

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectory(dir.resolve("root"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret\n");
        Files.writeString(root.resolve("a.txt"), "hello, file server\n");
        big = new byte[BIG];
        new Random(12).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.createDirectory(root.resolve("docs"));
        Files.writeString(root.resolve("docs").resolve("index.html"), "<h1>docs</h1>\n");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub").resolve("b.txt"), "b\n");
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("a.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void theZsyncClientGetsFilesRangesAndEtagsAndIsRefusedOutsideTheRoot(String backend) throws Exception {
        try (Io io = Io.open(backend); FileServer server = FileServer.start(io, ANY_PORT, root, log::add);
                HttpClient client = HttpClient.open(io)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            io.async(() -> {
                Fetched a = get(client, base.resolve("/a.txt"));
                assertEquals(200, a.status());
                assertEquals("hello, file server\n", a.text());
                assertEquals("text/plain; charset=utf-8", a.response().header("Content-Type"));
                assertArrayEquals(big, get(client, base.resolve("/big.bin")).body());
                assertEquals("hello, file server\n", get(client, base.resolve("/inside.txt")).text(),
                        "a link that stays inside the root is followed");

                Fetched part = get(client, base.resolve("/big.bin"), "Range", "bytes=1000-1999");
                assertEquals(206, part.status());
                assertEquals("bytes 1000-1999/" + BIG, part.response().header("Content-Range"));
                assertArrayEquals(Arrays.copyOfRange(big, 1000, 2000), part.body());
                Fetched tail = get(client, base.resolve("/big.bin"), "Range", "bytes=-10");
                assertArrayEquals(Arrays.copyOfRange(big, BIG - 10, BIG), tail.body());
                assertEquals(416, get(client, base.resolve("/a.txt"), "Range", "bytes=500-").status());

                String etag = a.response().header("ETag");
                assertNotNull(etag);
                Fetched unchanged = get(client, base.resolve("/a.txt"), "If-None-Match", etag);
                assertEquals(304, unchanged.status());
                assertEquals(0, unchanged.body().length);
                assertEquals(200, get(client, base.resolve("/a.txt"), "If-None-Match", "\"other\"").status());

                assertEquals("<h1>docs</h1>\n", get(client, base.resolve("/docs/")).text());
                assertEquals("<h1>docs</h1>\n", get(client, base.resolve("/docs")).text());
                assertEquals(404, get(client, base.resolve("/missing.txt")).status());
                assertEquals(404, get(client, base.resolve("/sub/")).status(), "a directory without index.html");
                for (String traversal : TRAVERSALS) {
                    assertEquals(403, get(client, URI.create(base + traversal)).status(), traversal);
                }
                return null;
            }).await();
            assertEquals(1, client.connectionsOpened(), "every answer, errors included, kept the connection alive");
        }
        assertLogged("GET /big.bin 200 " + BIG);
        assertLogged("GET /big.bin 206 1000");
        assertLogged("GET /big.bin 206 10");
        assertLogged("GET /a.txt 304 0");
        assertLogged("GET /docs/ 200 14");
        assertLogged("GET /missing.txt 404 0");
        assertLogged("GET /%2e%2e/outside/secret.txt 403 0");
        assertLogged("stopped: " + (12 + TRAVERSALS.size()) + " requests served, 8.0 MiB sent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void curlGetsTheSameAnswers(String backend) throws Exception {
        Curl.require();
        try (Io io = Io.open(backend); FileServer server = FileServer.start(io, ANY_PORT, root, log::add)) {
            String base = "http://127.0.0.1:" + server.port();
            Path downloaded = dir.resolve("downloaded.bin");
            assertEquals("200", Curl.run("-o", downloaded.toString(), "-w", "%{http_code}", base + "/big.bin"));
            assertArrayEquals(big, Files.readAllBytes(downloaded));
            assertEquals("206", Curl.run("-r", "100-199", "-o", downloaded.toString(), "-w", "%{http_code}", base + "/big.bin"));
            assertArrayEquals(Arrays.copyOfRange(big, 100, 200), Files.readAllBytes(downloaded));

            String head = Curl.run("-I", base + "/a.txt");
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertTrue(head.contains("Content-Length: 19\r\n"), head);
            String etag = head.lines().filter(l -> l.startsWith("ETag: ")).findFirst().orElseThrow().substring(6);
            assertEquals("304", Curl.run("-H", "If-None-Match: " + etag, "-o", "/dev/null", "-w", "%{http_code}", base + "/a.txt"));
            assertEquals("<h1>docs</h1>\n200", Curl.run("-w", "%{http_code}", base + "/docs/"));
            assertEquals("404", Curl.run("-o", "/dev/null", "-w", "%{http_code}", base + "/missing.txt"));

            // One curl for them all, over one connection: --path-as-is sends each path untouched.
            assertEquals("403\n".repeat(TRAVERSALS.size()), curlEach(base));
        }
        assertLogged("GET /big.bin 200 " + BIG);
        assertLogged("GET /big.bin 206 100");
        assertLogged("HEAD /a.txt 200 0");
    }

    @Test
    void aProgressLineComesWhileRequestsComeAndTheTotalsAtTheEnd() throws Exception {
        try (Io io = Io.open("virtual");
                FileServer server = FileServer.start(io, ANY_PORT, root, log::add, Duration.ofMillis(20));
                HttpClient client = HttpClient.open(io)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/a.txt");
            io.async(() -> get(client, uri)).await();
            assertTrue(awaitLine("progress: 1 requests, 0.0 MiB sent (+1 requests, "), log.toString());
            io.async(() -> get(client, uri)).await();
            assertTrue(awaitLine("progress: 2 requests, 0.0 MiB sent (+1 requests, "), log.toString());
        }
        assertLogged("stopped: 2 requests served, 0.0 MiB sent");
    }

    @Test
    void aRootThatIsNotADirectoryIsRefusedWithWhatToDo() throws IOException {
        try (Io io = Io.open("virtual")) {
            try {
                FileServer.start(io, ANY_PORT, root.resolve("a.txt"), log::add).close();
                throw new AssertionError("a file was served as a root");
            } catch (IOException expected) {
                assertTrue(expected.getMessage().contains("is not a directory; pass the directory"), expected.getMessage());
            }
        }
    }

    /** One curl run for every traversal, each with its own {@code -w}; the answers one a line. */
    private static String curlEach(String base) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (String traversal : TRAVERSALS) {
            if (!args.isEmpty()) {
                args.add("--next");
            }
            args.addAll(List.of("-s", "--path-as-is", "-o", "/dev/null", "-w", "%{http_code}\n", base + traversal));
        }
        return Curl.run(args.toArray(String[]::new));
    }

    /** Whether a line starting with {@code prefix} is logged within 10 s. */
    private boolean awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String line; (line = log.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void assertLogged(String entry) {
        for (String line : log) {
            if (line.equals(entry) || line.matches("127\\.0\\.0\\.1:\\d+ " + Pattern.quote(entry) + LOG_LINE_TIME)) {
                return;
            }
        }
        throw new AssertionError("no log line '" + entry + "' in " + String.join("\n", log));
    }

    record Fetched(ClientResponse response, byte[] body) {
        int status() {
            return response.status();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A GET with the header fields {@code nameValues}, its body read (and the connection given back). */
    static Fetched get(HttpClient client, URI uri, String... nameValues) throws IOException {
        ClientRequest request = ClientRequest.get(uri);
        for (int i = 0; i < nameValues.length; i += 2) {
            request.header(nameValues[i], nameValues[i + 1]);
        }
        ClientResponse response = client.send(request);
        return new Fetched(response, response.bodyBytes());
    }
}
