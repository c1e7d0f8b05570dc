package io.courier.registry.mdns;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.concurrent.DaemonThreads;
import io.courier.core.discovery.DiscoveryOnlyRegistry;
import io.courier.core.discovery.ListFeed;
import io.courier.core.discovery.ProviderDiscovery;
import io.courier.registry.mdns.internal.Announcements;
import io.courier.registry.mdns.internal.CacheWatcher;
import io.courier.registry.mdns.internal.MdnsLayout;
import io.courier.registry.mdns.internal.RecordTtl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.impl.JmDNSImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Registry} on multicast DNS and DNS-SD. Create it with the {@code mdns} {@link
 * io.courier.api.registry.RegistryFactory} ({@code mdns://[address]}); no server, no address of another
 * process: the processes on one interface find each other.
 *
 * <ul>
 *   <li>One JmDNS responder per client, bound to the address's interface alone: it joins the mDNS group
 *       there, sends there and nowhere else.
 *   <li>{@link #register} announces a {@value MdnsLayout#TYPE} service instance ({@link MdnsLayout}: the
 *       service key and the instance document in TXT) with a TTL of the session timeout ({@link
 *       RecordTtl}), re-announced every third of it; {@link #close()} says goodbye (TTL 0). A provider killed
 *       without one disappears from consumers one TTL after its last announcement. At most {@value
 *       Announcements#MAX_INSTANCES} instances per client.
 *   <li>Consumers browse the type and read JmDNS's cache every {@value #TICK_MILLIS} ms ({@link
 *       CacheWatcher}), handing full sorted lists to the one discovery policy ({@link ProviderDiscovery}):
 *       empty-push protection and the cache file as in every registry.
 *   <li>Not offered, said at start and in {@code docs/registry.md}: dynamic configuration ({@link
 *       #watchConfig} delivers {@link DynamicConfig#EMPTY} once), coordination ({@link #coordination()} is
 *       empty, which the application refuses in words when asked), service metadata and the store of the
 *       {@code mdns} {@link io.courier.api.store.RegistryStoreFactory} (refused).
 * </ul>
 *
 * Thread-safe.
 */
public final class MdnsRegistry extends DiscoveryOnlyRegistry<ListFeed> {

    static final long TICK_MILLIS = 100;
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Logger log = LoggerFactory.getLogger(MdnsRegistry.class);

    private final MdnsAddress address;
    private final ExecutorService announcer;
    private final JmDNSImpl jmdns;
    private final Announcements announcements;
    private final CacheWatcher watcher;

    /**
     * @throws IllegalArgumentException if the options ask for what this registry does not offer
     * @throws UncheckedIOException if the interface cannot take part in multicast DNS
     */
    MdnsRegistry(RegistryOptions options, MdnsAddress address) {
        this(checked(options), address, "courier-mdns-" + INSTANCES.incrementAndGet());
    }

    private MdnsRegistry(RegistryOptions options, MdnsAddress address, String name) {
        super(options, name);
        this.address = address;
        this.announcer = Executors.newSingleThreadExecutor(new DaemonThreads(name + "-announce"));
        this.jmdns = open(address, name + "-" + ProcessHandle.current().pid(), announcer);
        MdnsLayout layout = new MdnsLayout(options.root());
        this.announcements =
                new Announcements(jmdns, layout, RecordTtl.seconds(options.sessionTimeoutMillis()), announcer);
        this.watcher = new CacheWatcher(jmdns, layout, timer(), TICK_MILLIS);
        announcements.start(timer());
        watcher.start();
        log.info(
                "Registry client for mDNS on {} ({}; root {}, records' TTL {} s) started; {}",
                address.bind().getHostAddress(),
                address.networkInterface().getName(),
                options.root(),
                RecordTtl.seconds(options.sessionTimeoutMillis()),
                MdnsStoreFactory.NOT_OFFERED);
    }

    private static RegistryOptions checked(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.digestAuth().isEmpty()) {
            throw new IllegalArgumentException("digestAuth: '<hidden>' (expected: empty; multicast DNS has no"
                    + " credentials: every process on the interface may announce and read)");
        }
        RecordTtl.fix(RecordTtl.seconds(options.sessionTimeoutMillis()));
        return options;
    }

    /** A responder on the interface alone, named after this client (its host name, {@code <name>.local.}). */
    private static JmDNSImpl open(MdnsAddress address, String hostName, ExecutorService announcer) {
        try {
            JmDNSImpl jmdns = (JmDNSImpl) JmDNS.create(address.bind(), hostName);
            // a consumer may be sent many records at once; the kernel caps this at net.core.rmem_max
            jmdns.getSocket().setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            return jmdns;
        } catch (IOException e) {
            announcer.shutdownNow();
            throw new UncheckedIOException(
                    "mDNS on " + address.bind().getHostAddress() + " ("
                            + address.networkInterface().getName() + ") cannot start: " + e.getMessage() + " (expected:"
                            + " an interface with multicast on, e.g. `ip link set lo multicast on` for the loopback)",
                    e);
        }
    }

    @Override
    protected void publish(ServiceInstance instance) {
        announcements.put(instance);
    }

    @Override
    protected CompletableFuture<Void> published(ServiceInstance instance) {
        return announcements.confirmation(instance);
    }

    @Override
    protected void withdraw(ServiceInstance instance) {
        announcements.remove(instance);
    }

    /** The service as this client's cache holds it. */
    @Override
    protected ListFeed follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile) {
        ListFeed feed = watcher.follow(serviceKey);
        feed.addSink(cacheFile);
        return feed;
    }

    /** Whether the responder's socket is open: multicast DNS has no server to lose. */
    @Override
    protected boolean reachable() {
        return !jmdns.isClosing() && !jmdns.isClosed();
    }

    @Override
    protected boolean everReachable() {
        return true;
    }

    /** Sends goodbyes for this client's instances. */
    @Override
    protected void withdrawAll() {
        announcements.withdrawAll(options().connectionTimeoutMillis());
    }

    /**
     * Stops the watch and closes the responder in the background: this client's goodbyes are sent, and
     * JmDNS's own close takes about two seconds more (it cancels its host record in three steps, one second
     * apart), which a caller need not wait for.
     */
    @Override
    protected void release() {
        announcer.shutdownNow();
        watcher.stop();
        Thread closer = new Thread(jmdns::close, jmdns.getName() + "-close");
        closer.setDaemon(true);
        closer.start();
        log.info(
                "Registry client for mDNS on {} (root {}) closed",
                address.bind().getHostAddress(),
                options().root());
    }

    /** Stops as {@code kill -9} would: no goodbye, consumers forget the instances when their TTL runs out. For tests. */
    void abandon() {
        announcements.abandon();
        crash();
    }

    /** The responder, for the tests' checks of where it sends. */
    JmDNSImpl responder() {
        return jmdns;
    }
}
