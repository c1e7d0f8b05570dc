package io.courier.bootstrap;

import io.courier.protocol.json.JsonMappers;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work an application's start would otherwise do on its critical path, started on a short-lived
 * daemon thread beside it: on a 2-core machine a start is mostly one thread (the caller's, or
 * Spring's while it refreshes its context), so the other core is free. Only class loading and
 * static initialization, which the start then finds done (or waits for, never repeats); nothing
 * whose failure matters: a failure here is logged at debug and met again, as before, where the
 * start needs the class.
 *
 * <p>{@link Courier} calls {@link #forExports()} itself. A framework that knows early that it will
 * start Courier (the Spring Boot starter, as soon as the environment is prepared) calls {@link
 * #forApplication()}, so that the slowest one-time costs of a fresh JVM overlap with its own work.
 */
public final class StartupWarmUp {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);

    /**
     * Classes whose loading and static initialization a start pays on its own thread, by cost: ZooKeeper's
     * {@code X509Util} (every ZooKeeper client initializes it; it asks the JDK for its default TLS context),
     * Curator's framework, Netty's native transport and pooled allocator, javassist's class pool. Absent
     * ones (another registry, no native transport) are skipped.
     */
    private static final String[] CLASSES = {
        "org.apache.zookeeper.common.X509Util",
        "org.apache.curator.framework.CuratorFrameworkFactory",
        "io.netty.channel.epoll.Epoll",
        "io.netty.buffer.PooledByteBufAllocator",
        "javassist.ClassPool",
    };

    private StartupWarmUp() {}

    /**
     * For an application that exports services to a registry: the JSON mappers its service
     * metadata is written with (Jackson and its modules, about 0.3 s in a fresh JVM on a 2-core
     * machine), loaded while the registry connects.
     */
    public static void forExports() {
        start(StartupWarmUp::loadJson);
    }

    /**
     * For a framework about to start Courier: the JDK's default TLS context (its trust store read, about
     * 0.8 s in a fresh JVM on a 2-core machine, which ZooKeeper's client needs even without TLS), the
     * registry's and transport's heaviest classes and the JSON mappers, on a daemon thread of their own.
     * Returns at once; calling it again, or after the start, costs one short thread and nothing else.
     */
    public static void forApplication() {
        start(() -> {
            loadDefaultTlsContext();
            for (String name : CLASSES) {
                load(name);
            }
            loadJson();
        });
    }

    private static void start(Runnable work) {
        Thread thread = new Thread(work, "courier-start-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void loadDefaultTlsContext() {
        try {
            SSLContext.getDefault();
        } catch (Exception | LinkageError e) {
            log.debug("the JDK's default TLS context not loaded ahead of the start", e);
        }
    }

    private static void load(String name) {
        try {
            Class.forName(name, true, StartupWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            log.debug("{} not loaded ahead of the start", name, e);
        }
    }

    private static void loadJson() {
        try {
            JsonMappers.writing();
        } catch (RuntimeException | LinkageError e) {
            log.debug("JSON mappers not loaded ahead of the metadata", e);
        }
    }
}
