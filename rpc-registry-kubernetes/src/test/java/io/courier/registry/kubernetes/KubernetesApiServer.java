package io.courier.registry.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API server for the tests: fabric8's mock server in CRUD mode (objects kept, label
 * selectors, resourceVersions, watches) on a free 127.0.0.1 port, over plain HTTP. It records the
 * verbs each resource was asked for, so that the Role the deploy files grant can be checked against
 * what the registry used. The boundary that cannot be real here: no kube-apiserver is runnable from
 * a Debian or Maven Central artifact. Where the mock server answers otherwise than an API server, and
 * the registry's tests at scale would measure the mock rather than the registry, it answers as the
 * API server does: a list's {@code limit} is kept, and a watch resumed from a resourceVersion gets only
 * what changed after it ({@link ResumedWatches}; both checked by {@code KubernetesApiServerTest}).
 */
final class KubernetesApiServer implements AutoCloseable {

    // the mock server logs every request at INFO through java.util.logging; held, as JUL holds its loggers weakly
    private static final Logger MOCK_LOG = quiet(Logger.getLogger("io.fabric8.mockwebserver"));

    private final Set<String> verbs = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final RecordingDispatcher dispatcher = new RecordingDispatcher(verbs, requests);
    private final Lock storeLock = dispatcher.store.writeLock();
    private final KubernetesMockServer server;

    KubernetesApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }

    /** {@code kubernetes://127.0.0.1:port/namespace} */
    String address(String namespace) {
        return "kubernetes://127.0.0.1:" + server.getPort() + "/" + namespace;
    }

    /**
     * Writes {@code resources} straight into the server's store under {@code collection} (e.g. {@code
     * /apis/discovery.k8s.io/v1/namespaces/ns/endpointslices}), as a create through the API would (the
     * namespace, uid, resourceVersion and creation time set, every matching watch told), without a
     * request each: each request costs the mock server a scan of its whole store (see {@link #delete}).
     */
    void seed(String namespace, String collection, List<? extends HasMetadata> resources) {
        inStore(() -> {
            for (HasMetadata resource : resources) {
                GenericKubernetesResource created =
                        Serialization.unmarshal(Serialization.asJson(resource), GenericKubernetesResource.class);
                created.getMetadata().setNamespace(namespace);
                created.getMetadata().setUid(UUID.randomUUID().toString());
                created.getMetadata()
                        .setCreationTimestamp(
                                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                created.getMetadata().setResourceVersion(String.valueOf(dispatcher.requestResourceVersion()));
                created.getMetadata().setGeneration(1L);
                AttributeSet key = dispatcher
                        .getKey(collection)
                        .add(new Attribute("name", resource.getMetadata().getName()));
                dispatcher.processEvent(collection, key, null, created, Serialization.asJson(created));
            }
        });
    }

    /**
     * Deletes the objects of {@code collection} named {@code names} straight from the server's store, in one
     * pass over it, as one {@code deletecollection} would (every matching watch told of each, back to back).
     * Through the API, each named request (a get, a patch, a delete) costs the mock server a scan of its whole
     * store (a get by name took 5 ms at 1,000 slices, 19 ms at 5,400): labelling 4,900 slices one request each,
     * so that one {@code deletecollection} per step could take them, took 55 s.
     */
    void delete(String collection, Set<String> names) {
        Set<Attribute> named = new HashSet<>();
        names.forEach(name -> named.add(new Attribute("name", name)));
        AttributeSet inCollection = dispatcher.getKey(collection);
        inStore(() -> {
            List<AttributeSet> found = new ArrayList<>();
            synchronized (dispatcher.getMap()) {
                for (AttributeSet key : dispatcher.getMap().keySet()) {
                    if (named.contains(key.getAttribute("name")) && key.matches(inCollection)) {
                        found.add(key);
                    }
                }
            }
            found.forEach(key -> dispatcher.processEvent(collection, inCollection, key, null, null));
        });
    }

    /** Runs {@code change} holding the store's write lock, as the mock server's own writes do. */
    private void inStore(Runnable change) {
        storeLock.lock();
        try {
            change.run();
        } finally {
            storeLock.unlock();
        }
    }

    /**
     * The lock of the mock server's store, which its requests take (it offers no accessor): writing
     * without it would race the server's own scans of the store.
     */
    private static ReadWriteLock storeLock(KubernetesCrudDispatcher dispatcher) {
        try {
            Field field = KubernetesCrudDispatcher.class.getDeclaredField("lock");
            field.setAccessible(true);
            return (ReadWriteLock) field.get(dispatcher);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "fabric8's mock server (8.0.0) was read to keep its store's lock in KubernetesCrudDispatcher.lock",
                    e);
        }
    }

    /**
     * Answers every request with 503 while {@code down} (an API server out of service, its objects kept),
     * and as before once it is not.
     */
    void outage(boolean down) {
        dispatcher.down = down;
    }

    /** How many requests so far had a path containing every one of {@code parts}. */
    long requests(String... parts) {
        return requests.stream()
                .filter(path -> java.util.Arrays.stream(parts).allMatch(path::contains))
                .count();
    }

    /** The {@code resource:verb} pairs asked for so far, e.g. {@code endpointslices:watch}. */
    Set<String> verbs() {
        return new TreeSet<>(verbs);
    }

    /**
     * Stops the server. The mock server gives up after 10 s on a connection that does not close: a watch
     * closed by its client while an event for it was queued (the mock's close callback waits, on the
     * connection's event loop, for a write that needs that loop; docs/registry.md). That is logged, not
     * thrown, since the next test gets a server of its own.
     */
    @Override
    public void close() {
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            System.err.println("KubernetesApiServer: " + e.getMessage() + " (a watch connection stayed open)");
        }
    }

    /** The CRUD dispatcher, noting each request's Kubernetes verb. */
    private static final class RecordingDispatcher extends KubernetesCrudDispatcher {
        // the mock server logs every request at INFO through java.util.logging; held, as JUL holds its loggers weakly
        private static final Logger MOCK_LOG = quiet(Logger.getLogger("io.fabric8.mockwebserver"));
        private static final KubernetesResponseComposer COMPOSER = new KubernetesResponseComposer();

        private final Set<String> verbs;
        private final List<String> requests;
        private final ReadWriteLock store = storeLock(this);
        private volatile boolean down;

        RecordingDispatcher(Set<String> verbs, List<String> requests) {
            this.verbs = verbs;
            this.requests = requests;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            verbs.add(resource(request.getPath()) + ":" + verb(request));
            requests.add(request.getMethod() + " " + request.getPath());
            if (down) {
                return new MockResponse().setResponseCode(503).setBody("{\"kind\":\"Status\",\"code\":503}");
            }
            long limit = "list".equals(verb(request)) ? ResumedWatches.number(request.getPath(), "limit") : 0;
            return limit > 0 ? firstPage(request.getPath(), (int) Math.min(limit, 10_000)) : super.dispatch(request);
        }

        /**
         * A list with {@code limit}, answered as the API server does: at most that many objects. The mock
         * server ignores {@code limit} and answers every matching object, so a registry's reachability
         * check ({@code limit=1}) cost it a whole namespace (5,000 EndpointSlices, every 0.7 s) that a
         * real API server never sends. The rest of the page (its continue token) is left out: no client
         * here reads past the first page.
         */
        private MockResponse firstPage(String path, int limit) {
            AttributeSet query = getKey(path);
            List<String> items = new ArrayList<>(limit);
            String version;
            store.readLock().lock();
            try {
                synchronized (getMap()) {
                    for (Map.Entry<AttributeSet, String> entry : getMap().entrySet()) {
                        if (items.size() < limit && entry.getKey().matches(query)) {
                            items.add(entry.getValue());
                        }
                    }
                }
                version = String.valueOf(requestResourceVersion());
            } finally {
                store.readLock().unlock();
            }
            return new MockResponse().setResponseCode(200).setBody(COMPOSER.compose(items, version));
        }

        @Override
        public MockResponse handleWatch(String path) {
            long since = ResumedWatches.resumedFrom(path);
            if (since <= 0 || path.contains("fieldSelector=")) {
                return super.handleWatch(path);
            }
            return ResumedWatches.open(this, context, store.readLock(), path, since);
        }

        private static String verb(RecordedRequest request) {
            String path = request.getPath();
            boolean named = named(path);
            return switch (request.getMethod()) {
                case "GET" -> path.contains("watch=true") ? "watch" : named ? "get" : "list";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> named ? "delete" : "deletecollection";
                default -> request.getMethod();
            };
        }

        /** Whether {@code /api[s/group]/version/namespaces/ns/resource[/name]} names one object. */
        private static boolean named(String path) {
            String[] parts = path.split("\\?")[0].split("/");
            int namespaces = java.util.Arrays.asList(parts).indexOf("namespaces");
            return namespaces >= 0 && parts.length > namespaces + 3;
        }

        /** The resource of {@code /api[s/group]/version/namespaces/ns/resource[/name]}. */
        private static String resource(String path) {
            String[] parts = path.split("\\?")[0].split("/");
            int namespaces = java.util.Arrays.asList(parts).indexOf("namespaces");
            return namespaces >= 0 && parts.length > namespaces + 2 ? parts[namespaces + 2] : path;
        }
    }
}
