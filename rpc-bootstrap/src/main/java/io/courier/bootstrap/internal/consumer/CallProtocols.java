package io.courier.bootstrap.internal.consumer;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceInstance;
import io.courier.bootstrap.ConfigurationException;
import io.courier.spi.ExtensionLoader;
import io.courier.transport.CallProtocol;
import io.courier.transport.CallProtocolContext;
import io.courier.transport.CallProtocolFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's call protocols, by name: each made by its {@link CallProtocolFactory} when an
 * instance of that protocol is first leased, and closed with the application's client. Thread-safe.
 */
public final class CallProtocols implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallProtocols.class);

    private final Supplier<CallProtocolContext> context;
    private final Map<String, CallProtocol> made = new HashMap<>();
    private boolean closed;

    CallProtocols(Supplier<CallProtocolContext> context) {
        this.context = context;
    }

    /**
     * The protocol {@code name}.
     *
     * @throws RpcException {@code NO_PROVIDER}, not executed, when no factory on the class path makes
     *     it (the message names the module that would) or the application is closing
     */
    synchronized CallProtocol get(String name) {
        if (closed) {
            throw new RpcException(ErrorCode.CLOSED, true, "the application is closing", null);
        }
        CallProtocol protocol = made.get(name);
        if (protocol == null) {
            ExtensionLoader<CallProtocolFactory> factories = ExtensionLoader.of(CallProtocolFactory.class);
            if (!factories.has(name)) {
                throw new RpcException(
                        ErrorCode.NO_PROVIDER,
                        true,
                        "no call protocol '" + name + "' on the class path for a provider the registry lists"
                                + " (expected: one of " + new TreeSet<>(factories.names()) + "; io.courier:rpc-"
                                + name + " makes '" + name + "')",
                        null);
            }
            protocol = factories.get(name).create(context.get());
            made.put(name, protocol);
            log.info("Calling providers of protocol '{}' through {}", name, protocol);
        }
        return protocol;
    }

    /**
     * The instance as a reference calls it: with {@code protocol} as its call protocol when that is not
     * Courier's and the instance serves it (it lists it, or it is a {@code direct} address); else as the
     * registry lists it.
     */
    public static ServiceInstance chosen(ServiceInstance instance, String protocol, boolean direct) {
        if (ServiceInstance.COURIER_PROTOCOL.equals(protocol)
                || protocol.equals(instance.callProtocol())
                || !(direct || instance.protocols().contains(protocol))) {
            return instance;
        }
        Map<String, String> metadata = new HashMap<>(instance.metadata());
        metadata.put(ServiceInstance.METADATA_CALL_PROTOCOL, protocol);
        return instance.toBuilder().metadata(metadata).build();
    }

    /**
     * Checks, when a reference is made, that a call protocol {@code protocol} is on the class path.
     *
     * @throws ConfigurationException naming the protocol, what exists and the module that makes it
     */
    public static void check(String protocol, String where) {
        ExtensionLoader<CallProtocolFactory> factories = ExtensionLoader.of(CallProtocolFactory.class);
        if (!ServiceInstance.COURIER_PROTOCOL.equals(protocol) && !factories.has(protocol)) {
            throw new ConfigurationException(where + ": protocol '" + protocol + "' (expected: courier, or one of "
                    + new TreeSet<>(factories.names()) + "; io.courier:rpc-" + protocol + " makes '" + protocol
                    + "' when it is on the class path)");
        }
    }

    /** Whether {@code instance} is called by another protocol than Courier's own. */
    static boolean foreign(ServiceInstance instance) {
        return !ServiceInstance.COURIER_PROTOCOL.equals(instance.callProtocol());
    }

    @Override
    public void close() {
        List<CallProtocol> closing;
        synchronized (this) {
            closed = true;
            closing = List.copyOf(made.values());
            made.clear();
        }
        for (CallProtocol protocol : closing) {
            try {
                protocol.close();
            } catch (RuntimeException e) {
                log.warn("Closing {} failed", protocol, e);
            }
        }
    }
}
