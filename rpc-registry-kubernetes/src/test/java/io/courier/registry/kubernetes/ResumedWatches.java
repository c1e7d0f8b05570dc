package io.courier.registry.kubernetes;

import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Watches resumed from a resourceVersion on fabric8's mock server, answered as the API server answers
 * them: the objects changed after that version, then every change. The mock server ignores the version
 * and opens every watch with each matching object as ADDED, so an informer's watch after its list of
 * 5,000 EndpointSlices got 5,000 events that a real API server never sends, and a change made just
 * after the list reached the consumer behind them (1.6 s on a quiet machine, over 8 s with another
 * test JVM on the cores, where a real API server takes milliseconds). A watch from no version (or
 * version 0) keeps the mock server's own answer, which is the API server's too: every object, then
 * every change.
 *
 * <p>Deletions between the list and the watch are not sent: the mock server keeps no record of them.
 * The mock server's watch listener is package-private: it is reached by reflection, and a fabric8
 * release that changes it fails here with the version it was read from.
 */
final class ResumedWatches {

    private static final String READ_FROM = "fabric8's mock server (8.0.0) was read to resume watches"
            + " through WatchEventsListener(Context, AttributeSet, Set, Logger, Consumer)";
    private static final Constructor<?> LISTENER;
    private static final Method MATCHES;
    private static final Method SEND;
    private static final Field LISTENERS;

    static {
        try {
            Class<?> type = Class.forName("io.fabric8.kubernetes.client.server.mock.WatchEventsListener");
            LISTENER = type.getConstructor(
                    Context.class, AttributeSet.class, Set.class, org.slf4j.Logger.class, Consumer.class);
            LISTENER.setAccessible(true);
            MATCHES = type.getMethod("attributeMatches", AttributeSet.class);
            MATCHES.setAccessible(true);
            SEND = type.getMethod("sendWebSocketResponse", String.class, Watcher.Action.class);
            SEND.setAccessible(true);
            LISTENERS = KubernetesCrudDispatcher.class.getDeclaredField("watchEventListeners");
            LISTENERS.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(new IllegalStateException(READ_FROM, e));
        }
    }

    private ResumedWatches() {}

    /** The version a watch request resumes from ({@code resourceVersion=}); 0 where it names none. */
    static long resumedFrom(String path) {
        return number(path, "resourceVersion");
    }

    /**
     * The whole number the query of {@code path} gives {@code name}; 0 where it gives none or not a number
     * (the mock server's own answer then: every object, from the start).
     */
    static long number(String path, String name) {
        int query = path.indexOf('?');
        if (query < 0) {
            return 0;
        }
        for (String parameter : path.substring(query + 1).split("&")) {
            if (parameter.startsWith(name + "=")) {
                try {
                    return Long.parseLong(parameter.substring(name.length() + 1));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * Opens the watch of {@code path} (a collection with a label selector, no field selector) from
     * version {@code since}: on open, each matching object of {@code dispatcher}'s store whose version is
     * newer is sent as ADDED, holding the store's {@code readLock} as the mock server's own replay does.
     */
    static MockResponse open(
            KubernetesCrudDispatcher dispatcher, Context context, Lock readLock, String path, long since) {
        AttributeSet query = dispatcher.getAttributeExtractor().fromPath(path);
        try {
            @SuppressWarnings("unchecked")
            Set<Object> listeners = (Set<Object>) LISTENERS.get(dispatcher);
            Consumer<Object> onOpen = listener -> {
                readLock.lock();
                try {
                    replay(dispatcher.getMap(), listener, since);
                } finally {
                    readLock.unlock();
                }
            };
            Object listener = LISTENER.newInstance(
                    context, query, listeners, LoggerFactory.getLogger(ResumedWatches.class), onOpen);
            listeners.add(listener);
            return new MockResponse().withWebSocketUpgrade((WebSocketListener) listener);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(READ_FROM, e);
        }
    }

    private static void replay(Map<AttributeSet, String> store, Object listener, long since) {
        List<String> newer = new ArrayList<>();
        try {
            for (Map.Entry<AttributeSet, String> entry : store.entrySet()) {
                if ((boolean) MATCHES.invoke(listener, entry.getKey()) && version(entry.getValue()) > since) {
                    newer.add(entry.getValue());
                }
            }
            for (String object : newer) {
                SEND.invoke(listener, object, Watcher.Action.ADDED);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(READ_FROM, e);
        }
    }

    /** The object's resourceVersion; one without is newer than any. */
    private static long version(String object) {
        try {
            JsonNode version =
                    Serialization.jsonMapper().readTree(object).path("metadata").path("resourceVersion");
            return version.isMissingNode() ? Long.MAX_VALUE : Long.parseLong(version.asText());
        } catch (JacksonException | NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
