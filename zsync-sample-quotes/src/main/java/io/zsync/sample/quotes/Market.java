package io.zsync.sample.quotes;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.net.Listener;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replicas of one exchange, each an {@link Exchange} serving on a loopback port of its own,
 * from {@link #open} until {@link #close}. It needs a backend with concurrency ({@code threaded},
 * {@code virtual} or {@code evented}): each replica serves in a task of its own.
 */
public final class Market implements AutoCloseable {

    private final List<Exchange> replicas = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Future<Void, IOException>> servers = new ArrayList<>();

    private Market() {}

    /**
     * Starts one replica for each of {@code behaviours}, in that order, each quoting {@code prices}.
     *
     * @throws IOException if a port could not be listened on; the replicas started are closed
     * @throws io.zsync.ConcurrencyUnavailableException if {@code io}'s backend cannot serve
     *         concurrently; the replicas started are closed
     */
    public static Market open(Io io, Map<String, BigDecimal> prices, Exchange.Behaviour... behaviours) throws IOException {
        Market market = new Market();
        try {
            for (Exchange.Behaviour behaviour : behaviours) {
                Exchange replica = new Exchange(io, behaviour, prices);
                Listener listener = io.net().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                market.listeners.add(listener);
                market.servers.add(io.concurrent(() -> replica.serve(listener)));
                market.replicas.add(replica);
            }
            return market;
        } catch (IOException | RuntimeException failed) {
            market.close();
            throw failed;
        }
    }

    /** Replica {@code i}, in the order {@link #open} was given. */
    public Exchange replica(int i) {
        return replicas.get(i);
    }

    /** The replicas' addresses, in the order {@link #open} was given. */
    public List<SocketAddress> addresses() throws IOException {
        List<SocketAddress> addresses = new ArrayList<>(listeners.size());
        for (Listener listener : listeners) {
            addresses.add(listener.localAddress());
        }
        return addresses;
    }

    /** Stops every replica (their connections are closed) and closes their ports. */
    @Override
    public void close() throws IOException {
        for (Future<Void, IOException> server : servers) {
            server.close();                                  // cancels it; it ends canceled, as it should
        }
        for (Listener listener : listeners) {
            listener.close();
        }
    }
}
