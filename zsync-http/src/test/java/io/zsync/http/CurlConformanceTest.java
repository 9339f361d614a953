package io.zsync.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import io.zsync.junit.LeakCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** curl (Debian's), a client that is not ours, against the zsync server on virtual and evented. */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class CurlConformanceTest {

    @TempDir
    Path dir;

    private List<String> curl(String... args) {
        List<String> command = new ArrayList<>(List.of(ExternalProgram.require("curl").toString(), "-s", "--max-time", "30"));
        command.addAll(Arrays.asList(args));
        return command;
    }

    private String text(String... args) throws IOException {
        return new String(ExternalProgram.run(curl(args)), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void curlKeepsAliveAndSendsAndReadsChunkedBodies(String backend) throws IOException {
        try (Io io = HttpServerTest.open(backend); HttpServer server = HttpServer.start(io, HttpServerTest.ANY_PORT, HttpServerTest.routes())) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals("1 0 0 ", text("-w", "%{num_connects} ",
                    "-o", "/dev/null", base + "/plaintext", "-o", "/dev/null", base + "/users/1",
                    "-o", "/dev/null", base + "/plaintext"), "curl reused its one connection");
            assertEquals(1, server.connectionsAccepted());

            Path upload = dir.resolve("upload.bin");
            Files.write(upload, HttpServerTest.pattern(200_000));
            byte[] echoed = ExternalProgram.run(curl("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + upload, base + "/echo"));
            assertArrayEquals(HttpServerTest.pattern(200_000), echoed, "a chunked upload, decoded");

            byte[] continued = ExternalProgram.run(curl("-H", "Expect: 100-continue", "--data-binary", "@" + upload, base + "/echo"));
            assertArrayEquals(HttpServerTest.pattern(200_000), continued, "a body sent after 100 Continue");

            String headers = text("-D", "-", "-o", "/dev/null", base + "/stream?n=100000");
            assertTrue(headers.toLowerCase().contains("transfer-encoding: chunked"), headers);
            assertArrayEquals(HttpServerTest.pattern(100_000), ExternalProgram.run(curl(base + "/stream?n=100000")),
                    "a chunked download, decoded by curl");

            String head = text("-I", base + "/plaintext");
            assertTrue(head.startsWith("HTTP/1.1 200") && head.contains("Content-Length: 13"), head);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void curlGetsRangesAndIsRefusedTraversalAndOverLimitHeaders(String backend) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.write(root.resolve("big.bin"), HttpServerTest.pattern(1 << 20));
        Files.writeString(dir.resolve("secret.txt"), "not served");
        Files.createSymbolicLink(root.resolve("escape.txt"), dir.resolve("secret.txt"));
        try (Io io = HttpServerTest.open(backend);
                HttpServer server = HttpServer.start(io, HttpServerTest.ANY_PORT,
                        HttpServerTest.routes().get("/files/*", StaticFiles.of(io, root)))) {
            String base = "http://127.0.0.1:" + server.port();
            assertArrayEquals(HttpServerTest.pattern(1 << 20), ExternalProgram.run(curl(base + "/files/big.bin")));
            byte[] range = ExternalProgram.run(curl("-r", "100-199", base + "/files/big.bin"));
            assertArrayEquals(Arrays.copyOfRange(HttpServerTest.pattern(1 << 20), 100, 200), range);
            assertEquals("206", text("-r", "100-199", "-o", "/dev/null", "-w", "%{http_code}", base + "/files/big.bin"));
            assertEquals("416", text("-r", "2000000-", "-o", "/dev/null", "-w", "%{http_code}", base + "/files/big.bin"));
            String etag = text("-I", base + "/files/big.bin").lines().filter(l -> l.startsWith("ETag:"))
                    .findFirst().orElseThrow().substring(6).trim();
            assertEquals("304", text("-H", "If-None-Match: " + etag, "-o", "/dev/null", "-w", "%{http_code}", base + "/files/big.bin"));
            for (String traversal : List.of("/files/../secret.txt", "/files/%2e%2e/secret.txt", "/files/..%2fsecret.txt",
                    "/files/escape.txt")) {
                assertEquals("403", text("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", base + traversal), traversal);
            }
            assertEquals("404", text("-o", "/dev/null", "-w", "%{http_code}", base + "/files/none.txt"));
            assertEquals("431", text("-H", "X-Big: " + "v".repeat(40_000), "-o", "/dev/null", "-w", "%{http_code}", base + "/plaintext"));
            assertEquals("414", text("-o", "/dev/null", "-w", "%{http_code}", base + "/" + "a".repeat(9000)));
        }
    }
}
