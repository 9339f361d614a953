package io.zsync.bench;

/**
 * A TCP echo server that {@link EchoBench} measures: on each connection it accepts, it writes back
 * every byte it reads, in order, until the client closes the connection. It starts and stops as
 * every {@link LoopbackServer} does.
 */
public interface EchoServer extends LoopbackServer {}
