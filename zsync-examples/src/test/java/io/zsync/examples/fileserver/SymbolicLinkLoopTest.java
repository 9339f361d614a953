package io.zsync.examples.fileserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zsync.Io;
import io.zsync.http.ClientRequest;
import io.zsync.http.ClientResponse;
import io.zsync.http.HttpClient;
import io.zsync.junit.LeakCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bug of zsync-http's StaticFiles, found by the file server: a symbolic link loop under the root
 * (loop1 -> loop2 -> loop1) names nothing, so it should be 404 as StaticFiles' doc says of such a
 * path; StaticFiles answers 500 instead (toRealPath throws a FileSystemException, "Too many levels
 * of symbolic links", which is not the NoSuchFileException it catches), logs a WARNING with a stack
 * trace for each such request, and closes the connection.
 */
@ExtendWith(LeakCheck.class)
@Timeout(60)
class SymbolicLinkLoopTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void aLinkLoopUnderTheRootIsNotFound(String backend) throws IOException {
        Files.createSymbolicLink(root.resolve("loop1"), root.resolve("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), root.resolve("loop1"));
        try (Io io = Io.open(backend);
                FileServer server = FileServer.start(io, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), root,
                        line -> { });
                HttpClient client = HttpClient.open(io)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/loop1");
            int status = io.async(() -> {
                try (ClientResponse response = client.send(ClientRequest.get(uri))) {
                    response.bodyBytes();
                    return response.status();
                }
            }).await();
            assertEquals(404, status);
        }
    }
}
