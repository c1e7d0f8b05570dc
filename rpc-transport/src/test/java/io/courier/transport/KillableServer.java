package io.courier.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A provider in its own JVM, so that a test can kill it the hard way. Prints {@code PORT=<n>} once
 * it serves, then serves until killed or until its standard input closes (so it never outlives the
 * test JVM).
 */
public final class KillableServer {

    private KillableServer() {}

    public static void main(String[] args) throws IOException {
        TestProvider provider = new TestProvider();
        ServiceTable services = new ServiceTable();
        services.add(provider.export(ExecutorKind.DIRECT));
        services.add(new StreamProvider().export());
        try (TransportServer server = TransportServer.start(
                new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])),
                Calls.options().build(),
                Calls.SERIALIZERS,
                services)) {
            System.out.println("PORT=" + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Serve until the parent goes away.
            }
        } finally {
            provider.close();
        }
    }
}
