package io.zsync.http;

import io.zsync.fs.File;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Writes a {@link Response} to a connection's writer, framed (RFC 9112, section 6), without flushing. */
final class ResponseWriter {

    private static final int FILE_READER_BUFFER = 0;

    private ResponseWriter() {
    }

    /**
     * Writes {@code response}, its head built in {@code head}, as the answer to a request of
     * {@code method} and {@code version};
     * {@code close} adds {@code Connection: close}. Closes the response's file, if it has one, on
     * every path.
     */
    static void write(Writer out, HeadBytes head, Response response, String method, String version, boolean close,
            Instant now) throws IOException {
        File file = response.file();
        try {
            int status = response.status();
            boolean bodyless = status == 204 || status == 304;
            long length = response.bodyLength();
            head.append("HTTP/1.1 ").append(status).append(" ").append(HttpSyntax.reason(status)).crlf()
                    .field("Date", HttpDate.of(now));
            List<String> fields = response.fieldList();
            for (int i = 0; i < fields.size(); i += 2) {
                head.field(fields.get(i), fields.get(i + 1));
            }
            if (!bodyless) {
                head.framing(length);
            }
            if (close) {
                head.field("Connection", "close");
            } else if (version.equals("HTTP/1.0")) {
                head.field("Connection", "keep-alive");
            }
            head.crlf().writeTo(out);
            if (bodyless || method.equals("HEAD")) {
                return;
            }
            if (file != null) {
                sendFile(out, file, response.fileOffset(), length);
            } else if (response.stream() != null) {
                Bodies.writeStreamed(out, response.stream(), length, response);
            } else {
                out.write(response.bytes());
            }
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }

    private static void sendFile(Writer out, File file, long offset, long length) throws IOException {
        file.position(offset);
        Reader bytes = file.reader(FILE_READER_BUFFER);
        long sent = out.sendFile(bytes, length);
        if (sent != length) {
            throw new IOException("the file ended after " + sent + " of the " + length + " bytes promised (it shrank while sent)");
        }
    }

}
