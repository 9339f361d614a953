package io.zsync.http3;

import io.netty.handler.codec.quic.Quic;

/** Whether Netty's QUIC native library (quiche and BoringSSL) loaded, said once, clearly. */
final class NativeQuic {

    private NativeQuic() {}

    /**
     * @throws IllegalStateException if the native library is not there for this platform or did not
     *         load, with the loader's reason as the cause
     */
    static void check() {
        if (!Quic.isAvailable()) {
            throw new IllegalStateException("Netty's QUIC native library did not load on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + ": put io.netty:netty-codec-native-quic with this platform's classifier (zsync-http3"
                    + " ships linux-x86_64) on the class or module path, and on the module path add"
                    + " --add-modules io.netty.codec.quic.linux.x86_64", Quic.unavailabilityCause());
        }
    }
}
