/**
 * Networking through an {@link io.zsync.Io}: TCP, UDP (multicast and broadcast), Unix domain
 * sockets and DNS. Every wait is a cancellation point that leaves the socket open and loses no
 * byte: sockets are non-blocking channels woken by the runtime's poller, never interrupted.
 */
package io.zsync.net;
