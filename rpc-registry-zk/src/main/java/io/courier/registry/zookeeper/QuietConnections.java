package io.courier.registry.zookeeper;

import org.apache.zookeeper.server.NIOServerCnxnFactory;

/**
 * ZooKeeper's NIO connection factory without two side effects an embedded development server must
 * not have: the WARN "maxCnxns is not configured" at every start (the limit is read from a system
 * property; none is the right value here), and the process-wide default uncaught-exception handler
 * that the class installs when it is first loaded, which logs every uncaught exception of the
 * application, its {@code main} thread's included, as a ZooKeeper error.
 */
final class QuietConnections extends NIOServerCnxnFactory {

    private QuietConnections() {}

    /** A new, unconfigured factory; the JVM's default uncaught-exception handler is left as it was. */
    static QuietConnections create() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        QuietConnections connections = new QuietConnections();
        if (isZooKeepers(Thread.getDefaultUncaughtExceptionHandler())) {
            // installed now, or by an earlier load of the class elsewhere in this JVM
            Thread.setDefaultUncaughtExceptionHandler(isZooKeepers(before) ? null : before);
        }
        return connections;
    }

    private static boolean isZooKeepers(Thread.UncaughtExceptionHandler handler) {
        return handler != null && handler.getClass().getName().startsWith("org.apache.zookeeper.");
    }

    @Override
    protected void initMaxCnxns() {
        maxCnxns = 0; // no limit, as ZooKeeper's default, without its warning
    }
}
