package io.courier.serialization.fory;

import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.util.Objects;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.ForyBuilder;
import org.apache.fory.config.Language;

/**
 * {@link ForySerializer} bound to one service: a pool of Fory instances (they are not thread-safe;
 * a thread borrows one per value) with the service's {@link ForyTypes} registered, built and
 * compiled at bind time.
 * Immutable and thread-safe; its sessions are not.
 */
final class ServiceFory implements Serializer {

    /**
     * Fory instances per service and side, shared by all threads (a thread borrows one per value):
     * built here, not on a thread's first call, and no instance per virtual thread.
     */
    static final int POOL_SIZE = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final String service;
    private final ForyTypes types;
    private final ThreadSafeFory fory;
    private final ForyFallback fallback;

    ServiceFory(ServiceDescriptor service, DeserializationPolicy policy) {
        this.service = service.interfaceName();
        Objects.requireNonNull(policy, "policy");
        this.types = ForyTypes.of(service);
        this.fallback = new ForyFallback(this.service);
        ClassLoader loader = service.serviceInterface() == null
                ? null
                : service.serviceInterface().getClassLoader();
        this.fory = new ForyBuilder()
                .withLanguage(Language.JAVA)
                .requireClassRegistration(true)
                .suppressClassRegistrationWarnings(true)
                .withTypeChecker((resolver, className) -> {
                    // asked for the unregistered names Fory's JDK list admits (other unregistered
                    // names are refused before, see ForyRefusals); throws RpcException(SERIALIZATION)
                    // naming the class, before Fory loads it
                    policy.checkClass(className);
                    return true;
                })
                .withCodegen(true)
                .withAsyncCompilation(false)
                // compatible: a field one side has and the other has not is skipped or left at its
                // default, as protostuff does, so that two versions of a class can talk during a
                // rolling upgrade; a class name nobody registered is still refused
                .withCompatibleMode(CompatibleMode.COMPATIBLE)
                .withDeserializeUnknownClass(false)
                .withRefTracking(false)
                .withMaxDepth(policy.maxDepth())
                .withMaxUnbackedContainerItems(policy.maxCollectionLength())
                .withClassLoader(loader != null ? loader : ServiceFory.class.getClassLoader())
                .buildThreadSafeForyPool(POOL_SIZE);
        for (Class<?> type : types.classes()) {
            // by name, not by number: a class added to the interface shifts no other class
            fory.register(type, type.getName());
        }
        try {
            fory.ensureSerializersCompiled();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "fory cannot generate the serializers of " + this.service + " ("
                            + e.getClass().getName() + ": " + e.getMessage() + ")",
                    e);
        }
    }

    @Override
    public byte id() {
        return ForySerializer.ID;
    }

    @Override
    public ValueWriter writer(ByteSink sink) {
        return new ForyWriter(fory, fallback, sink);
    }

    @Override
    public ValueReader reader(ByteSource source, DeserializationPolicy policy) {
        return new ForyReader(fory, fallback, service, source, policy);
    }

    @Override
    public String toString() {
        return "fory(" + service + ", " + types.classes().size() + " classes)";
    }
}
