package io.courier.transport;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.protocol.serialization.Serializers;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Invocations of {@link EchoService} and the plumbing every transport test shares. */
final class Calls {

    static final Serializers SERIALIZERS = Serializers.of(TestSerializer.INSTANCE);
    static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private Calls() {}

    /** Two IO threads, and a heartbeat slow enough that a loaded build machine never looks dead. */
    static TransportOptions.Builder options() {
        return TransportOptions.builder().ioThreads(2).heartbeatIntervalMillis(5_000);
    }

    static CallOptions callOptions(long timeoutMillis) {
        return CallOptions.of(TestSerializer.INSTANCE, OpenPolicy.INSTANCE, timeoutMillis);
    }

    static TransportServer server(TransportOptions options, ServiceExport... services) {
        ServiceTable table = new ServiceTable();
        for (ServiceExport service : services) {
            table.add(service);
        }
        return TransportServer.start(ANY_PORT, options, SERIALIZERS, table);
    }

    static TransportClient client(TransportOptions options) {
        return TransportClient.create(options, SERIALIZERS);
    }

    static Endpoint endpoint(TransportServer server) {
        return Endpoint.of("127.0.0.1", server.port());
    }

    static MethodDescriptor method(String name) {
        return TestProvider.DESCRIPTOR.methods().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static Invocation echo(byte[] payload) {
        return Invocation.of(TestProvider.KEY, method("echo"), new Object[] {payload});
    }

    static Invocation later(String tag, long millis) {
        return Invocation.of(TestProvider.KEY, method("later"), new Object[] {tag, millis});
    }

    static Invocation sleep(String tag, long millis) {
        return Invocation.of(TestProvider.KEY, method("sleep"), new Object[] {tag, millis});
    }

    static Invocation blob(int size) {
        return Invocation.of(TestProvider.KEY, method("blob"), new Object[] {size});
    }

    static Invocation thread() {
        return Invocation.of(TestProvider.KEY, method("thread"), new Object[0]);
    }

    static Invocation boom(String message) {
        return Invocation.of(TestProvider.KEY, method("boom"), new Object[] {message});
    }

    static Invocation fire(String tag) {
        return Invocation.of(TestProvider.KEY, method("fire"), new Object[] {tag});
    }

    /** The call's value, waiting at most {@code seconds}. */
    static Object value(CompletableFuture<RpcResult> call, long seconds) throws Exception {
        return call.get(seconds, TimeUnit.SECONDS).value();
    }

    /** The call's {@link RpcException}, waiting at most {@code seconds}; fails if it succeeded. */
    static RpcException failure(CompletableFuture<RpcResult> call, long seconds)
            throws InterruptedException, TimeoutException {
        try {
            RpcResult result = call.get(seconds, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return rpcException(e.getCause());
        }
    }

    static RpcException rpcException(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        throw new AssertionError("expected an RpcException", cause);
    }
}
