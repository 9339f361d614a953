package io.zsync.tck.dns;

import io.zsync.tck.SlowLookups;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * The test JVM's resolver: the built-in one, except that a lookup of a name {@link SlowLookups}
 * serves waits until the DNS cancellation case lets it go, then fails as an unknown host.
 */
public final class SlowLookupResolverProvider extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtIn = configuration.builtinResolver();
        SlowLookups.install();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (!SlowLookups.serves(host)) {
                    return builtIn.lookupByName(host, policy);
                }
                try {
                    SlowLookups.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new UnknownHostException(host + " is a test name that never resolves");
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtIn.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "zsync TCK: built-in, with one name whose lookup waits";
    }
}
