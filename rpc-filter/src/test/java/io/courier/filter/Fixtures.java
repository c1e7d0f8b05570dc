package io.courier.filter;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcContext;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.spi.Side;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Builds the pieces of in-process call paths: contexts, chains, invocations and implementations. */
public final class Fixtures {

    /** The address a provider sees its consumer at. */
    public static final Endpoint CONSUMER_ADDRESS = Endpoint.of("127.0.0.1", 40000);

    private Fixtures() {}

    public static ServiceDescriptor descriptor(Class<?> service) {
        return ServiceDescriptor.of(service);
    }

    public static MethodDescriptor method(Class<?> service, String name) {
        return descriptor(service).methods().stream()
                .filter(method -> method.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    public static Invocation call(Class<?> service, String name, Object... arguments) {
        return Invocation.of(ServiceKey.of(service), method(service, name), arguments);
    }

    public static ServiceFilterContext context(
            Side side, Class<?> service, Map<String, String> properties, SharedObjects shared) {
        ServiceFilterContext.Builder builder = ServiceFilterContext.builder(
                        side, ServiceKey.of(service), descriptor(service))
                .application("test")
                .properties(properties)
                .shared(shared);
        if (side == Side.CONSUMER) {
            builder.referenceOptions(ReferenceOptions.defaults());
        }
        return builder.build();
    }

    /** The activated filters of {@code side}, bound for {@code service}, in front of {@code next}. */
    public static Invoker chain(
            Side side, Class<?> service, Map<String, String> properties, SharedObjects shared, Invoker next) {
        return FilterChains.build(context(side, service, properties, shared), next);
    }

    /**
     * An implementation invoker as the provider's dispatcher would be: it installs the served
     * request's {@link RpcContext} around {@code body} and turns a thrown exception into a
     * business-exception result.
     */
    public static Invoker implementation(Function<Invocation, Object> body) {
        return invocation -> {
            try (RpcContext.Scope scope = RpcContext.serve(invocation.attachments(), CONSUMER_ADDRESS)) {
                return CompletableFuture.completedFuture(RpcResult.of(body.apply(invocation)));
            } catch (RuntimeException e) {
                Throwable business = e instanceof Sneaky sneaky ? sneaky.getCause() : e;
                return CompletableFuture.completedFuture(RpcResult.ofException(business));
            }
        };
    }

    /** Lets an implementation lambda throw a checked business exception. */
    public static RuntimeException sneaky(Exception business) {
        return new Sneaky(business);
    }

    private static final class Sneaky extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Sneaky(Exception cause) {
            super(cause);
        }
    }
}
