package io.courier.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for a server that a test stops and starts again on the same port (a ZooKeeper ensemble
 * member, etcd, nats-server, RabbitMQ), picked below the kernel's ephemeral range.
 *
 * <p>A port picked the usual way (bind port 0) lies inside the ephemeral range, from which the kernel
 * also takes the local end of every outgoing connection. While the server is down, its clients and peers
 * keep connecting to it; one such connection may be given the server's own port as its local end
 * (a loopback connection to a port nobody listens on then connects to itself), and the server's restart
 * fails to bind. A CI run lost a whole test JVM to it: ZooKeeper exits the process when it cannot bind
 * its quorum port. Below the ephemeral range the kernel never hands a port out by itself, so only another
 * server picking the same one could take it; the ports handed out here are remembered so that this JVM
 * never picks one twice, and each is checked free when picked.
 */
public final class RestartPorts {

    /** Below the registered-ports range most services use (e.g. 8080, 9092): a random pick rarely meets one. */
    private static final int LOWEST = 10_000;
    /** The ephemeral range's start on most systems that do not say (IANA's). */
    private static final int IANA_EPHEMERAL_START = 49_152;

    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private RestartPorts() {}

    /**
     * A port no socket on this machine is bound to now, below the ephemeral range.
     *
     * @throws IllegalStateException if 200 random picks found none free
     */
    public static int pick() {
        int below = ephemeralStart();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = LOWEST + random.nextInt(below - LOWEST);
            if (HANDED_OUT.add(port) && free(port)) {
                return port;
            }
        }
        throw new IllegalStateException(
                "no free port between " + LOWEST + " and " + below + " in " + ATTEMPTS + " picks");
    }

    /** The first port of the kernel's ephemeral range (Linux says it in procfs; elsewhere IANA's start). */
    static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            // a range starting this low leaves no room below it: fall back on IANA's start
            return start > LOWEST + 1_000 ? start : IANA_EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return IANA_EPHEMERAL_START;
        }
    }

    private static boolean free(int port) {
        // the wildcard address: taken if any socket is bound to the port on any address, 127.0.0.1 included
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
