package io.courier.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * server picking the same one could take it; each port handed out here is held for the rest of the JVM's
 * life by a lock on its byte of one file in the temporary directory, so that neither this JVM nor any
 * other test JVM of the machine picks it again (a module's test JVMs run side by side, and one of them
 * bound a port that another's server had been given and was restarting on, or was about to start on:
 * ZooKeeper exited that JVM), and each is checked free when picked. The operating system lets a lock go
 * when its JVM ends, however it ends.
 */
public final class RestartPorts {

    /** Below the registered-ports range most services use (e.g. 8080, 9092): a random pick rarely meets one. */
    private static final int LOWEST = 10_000;
    /** The ephemeral range's start on most systems that do not say (IANA's). */
    private static final int IANA_EPHEMERAL_START = 49_152;

    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** Byte {@code port} of this file is locked by the JVM that holds {@code port}. */
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "courier-restart-ports.lock");
    /** Open for the JVM's life: closing any channel of a file lets go every lock the process has on it. */
    private static FileChannel locks;

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
            if (HANDED_OUT.add(port) && hold(port) && free(port)) {
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

    /**
     * Locks byte {@code port} of the shared lock file for this JVM's life; false if another process holds it.
     * Where the file cannot be opened, only this JVM's own record keeps picks apart.
     */
    static synchronized boolean hold(int port) {
        try {
            if (locks == null) {
                locks = FileChannel.open(LOCKS, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            return locks.tryLock(port, 1, false) != null;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM holds it already
        } catch (IOException e) {
            return true;
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
