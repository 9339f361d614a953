package io.zsync.http3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} (EC P-256), made once per
 * test JVM by the JDK's own {@code keytool}: offline, no BouncyCastle, nothing committed.
 */
final class TestIdentity {

    private static final char[] PASSWORD = "zsync-http3-test".toCharArray();
    private static final String ALIAS = "server";
    private static KeyStore.PrivateKeyEntry identity;

    private TestIdentity() {}

    /** The server's key and its one-certificate chain. */
    static synchronized KeyStore.PrivateKeyEntry identity() {
        if (identity == null) {
            identity = generate();
        }
        return identity;
    }

    /** The certificate a client trusts to reach the test servers. */
    static X509Certificate certificate() {
        return (X509Certificate) identity().getCertificate();
    }

    private static KeyStore.PrivateKeyEntry generate() {
        try {
            Path dir = Files.createTempDirectory("zsync-http3-tls");
            Path store = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            Files.delete(store);
            Files.delete(dir);
            return (KeyStore.PrivateKeyEntry) keys.getEntry(ALIAS, new KeyStore.PasswordProtection(PASSWORD));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test certificate: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
