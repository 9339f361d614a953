package io.zsync.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

/** A failed bind is explained by its cause, as the driver's code gives it, and names what was bound. */
class BindAdviceTest {

    @Test
    void eachCauseGetsItsOwnAdvice() {
        assertTrue(IoFailures.bindAdvice(IoError.ADDRESS_IN_USE, false).contains("another socket is bound there"));
        assertTrue(IoFailures.bindAdvice(IoError.ADDRESS_IN_USE, true).contains("the socket file exists"));
        assertTrue(IoFailures.bindAdvice(IoError.DENIED, false).contains("ports below 1024 need privileges"));
        assertTrue(IoFailures.bindAdvice(IoError.DENIED, true).contains("may not create a file"));
        assertTrue(IoFailures.bindAdvice(IoError.ADDRESS_NOT_AVAILABLE, false).contains("not one of this machine's"));
    }

    @Test
    void theFailureNamesTheAddressAndTheKindOfSocket() {
        Op listen = new Op().reset(Op.Kind.STREAM_LISTEN, null).subject(new InetSocketAddress("127.0.0.1", 80));
        listen.failed(IoError.DENIED, "Permission denied", null);
        BindException tcp = assertInstanceOf(BindException.class, IoFailures.of(listen));
        assertTrue(tcp.getMessage().startsWith("cannot listen on /127.0.0.1:80: Permission denied"), tcp.getMessage());

        Op udp = new Op().reset(Op.Kind.DATAGRAM_OPEN, null).subject(new InetSocketAddress("127.0.0.1", 53));
        udp.failed(IoError.ADDRESS_IN_USE, null, null);
        assertTrue(IoFailures.of(udp).getMessage().startsWith("cannot bind a UDP socket to /127.0.0.1:53"));

        Op unix = new Op().reset(Op.Kind.STREAM_LISTEN, null).subject(UnixDomainSocketAddress.of("/tmp/s.sock"));
        unix.failed(IoError.ADDRESS_IN_USE, null, null);
        assertTrue(IoFailures.of(unix).getMessage().contains("the socket file exists"));
    }
}
