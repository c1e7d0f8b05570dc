package io.courier.serialization.fory;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ForySerializer} bound to one service in the background ({@link
 * ForySerializer#prepareForService}): the {@link ServiceFory} is built on one shared thread, so
 * that exporting or referring to a service does not wait for Fory's start-up (its classes loaded,
 * the service's serializers generated and compiled: about a second for the first service of a JVM
 * on a 2-core machine, a tenth of that for the next ones), and a consumer writes its first calls in
 * protostuff meanwhile ({@link #ready()}). A session opened before the binding is done binds at
 * once on its own thread, or waits for the binding under way: a provider's first fory request from
 * a consumer that was ready sooner, or a consumer without another serializer to write (a direct
 * address), so that neither waits out the delay.
 *
 * <p>One thread binds every service of the JVM, one after another, each {@link #DELAY_MILLIS} after
 * it was exported or referred to (a provider and a consumer of the same service in one JVM: the
 * provider's first); it ends when no binding is waiting. Thread-safe.
 */
final class PreparingFory implements Serializer {

    private static final Logger log = LoggerFactory.getLogger(PreparingFory.class);

    /** How long the binding thread waits for more work before it ends. */
    private static final long IDLE_MILLIS = 500;

    /**
     * How long after export or refer a service's binding starts: the busiest second of an
     * application's start (the registry's client, the server, the first connection and call) goes to
     * the start itself rather than being shared with Fory on a small machine; calls meanwhile go in
     * protostuff.
     */
    static final long DELAY_MILLIS = 1_000;

    /**
     * One thread, and only while there is work: binding is CPU-bound and the machine's other cores
     * are busy starting the application, so binding two services at once would only slow both.
     */
    private static final ScheduledThreadPoolExecutor BINDER = binder();

    private final ServiceDescriptor descriptor;
    private final DeserializationPolicy policy;
    private final String service;
    /** Taken by whoever binds: the binding thread when the delay is over, or a session that cannot wait for it. */
    private final AtomicBoolean claimed = new AtomicBoolean();

    private final CompletableFuture<ServiceFory> bound = new CompletableFuture<>();
    /** The bound serializer once the binding succeeded; read first, so a ready call skips the future. */
    private volatile ServiceFory ready;

    PreparingFory(ServiceDescriptor service, DeserializationPolicy policy) {
        this.descriptor = service;
        this.policy = policy;
        this.service = service.interfaceName();
        BINDER.schedule(this::bindOnce, DELAY_MILLIS, TimeUnit.MILLISECONDS);
        bound.whenComplete((fory, failure) -> {
            if (failure == null) {
                ready = fory;
            } else {
                log.warn(
                        "{}: fory cannot carry its values ({}); its calls stay in protostuff, and fory requests to"
                                + " it are refused (name a serializer to choose for good)",
                        this.service,
                        cause(failure).toString());
            }
        });
    }

    /** Binds, unless someone else did or does. */
    private void bindOnce() {
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            bound.complete(new ServiceFory(descriptor, policy));
        } catch (RuntimeException | LinkageError e) {
            bound.completeExceptionally(e);
        }
    }

    private static ScheduledThreadPoolExecutor binder() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "courier-fory-bind");
            thread.setDaemon(true);
            return thread;
        });
        // the thread ends once no binding is waiting or running
        executor.setKeepAliveTime(IDLE_MILLIS, TimeUnit.MILLISECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Override
    public byte id() {
        return ForySerializer.ID;
    }

    @Override
    public boolean ready() {
        return ready != null;
    }

    @Override
    public ValueWriter writer(ByteSink sink) {
        return bound().writer(sink);
    }

    @Override
    public ValueReader reader(ByteSource source, DeserializationPolicy policy) {
        return bound().reader(source, policy);
    }

    /** The bound serializer, waiting for the binding if it is not done yet. */
    private Serializer bound() {
        ServiceFory fory = ready;
        if (fory != null) {
            return fory;
        }
        // a session that cannot go in another serializer (a direct address, or a provider's first
        // fory request) does not wait out the delay: it binds now, or waits for the binding under way
        bindOnce();
        try {
            return bound.join();
        } catch (CompletionException e) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "fory cannot carry the values of " + service + ": " + cause(e).getMessage(),
                    cause(e));
        }
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public String toString() {
        ServiceFory fory = ready;
        return fory != null ? fory.toString() : "fory(" + service + ", binding)";
    }
}
