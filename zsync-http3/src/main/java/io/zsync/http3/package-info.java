/**
 * HTTP/3 over QUIC for zsync tasks, in direct style, on any backend with concurrency.
 *
 * <table class="striped">
 *   <caption>The types, by side</caption>
 *   <thead><tr><th>client</th><th>server</th></tr></thead>
 *   <tbody>
 *     <tr><td>{@link io.zsync.http3.Http3Client}: {@code send} blocks the task until the whole
 *         response is read; one QUIC connection per origin, shared</td>
 *         <td>{@link io.zsync.http3.Http3Server}: each request's {@link io.zsync.http3.Handler}
 *         runs in a task of its own</td></tr>
 *     <tr><td>{@link io.zsync.http3.ClientRequest}, {@link io.zsync.http3.ClientResponse}</td>
 *         <td>{@link io.zsync.http3.Request}, {@link io.zsync.http3.Response}</td></tr>
 *     <tr><td>{@link io.zsync.http3.ClientOptions}</td><td>{@link io.zsync.http3.ServerOptions}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>The request and response types are named and shaped as zsync-http's (HTTP/1.1), so that code
 * moves between the two by its imports. Bodies are held whole in memory, bounded by the options.
 * Header names are lower-case, as HTTP/3 sends them. Every type is immutable or safe to share
 * between tasks and threads, and {@code null} is refused with a message that names the parameter.
 *
 * <p>Underneath: Netty's QUIC codec (quiche and BoringSSL, in a native jar per platform) and its
 * HTTP/3 codec, driven by one Netty event-loop thread per client and per server; the tasks wait for
 * it through {@link io.zsync.Io#await(java.util.concurrent.CompletionStage)}, a cancellation point.
 * docs/http3.md says why this library, and what it costs.
 */
package io.zsync.http3;
