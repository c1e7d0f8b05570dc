package io.courier.dubbo;

import io.courier.api.ServiceInstance;
import io.courier.api.serialization.Serializer;
import io.courier.dubbo.internal.DubboCallHandler;
import io.courier.dubbo.internal.DubboFrameDecoder;
import io.courier.dubbo.internal.DubboFrames;
import io.courier.dubbo.internal.HessianStart;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.transport.Detection;
import io.courier.transport.PortConnection;
import io.courier.transport.PortProtocol;
import io.courier.transport.ServiceExport;
import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Apache Dubbo's {@code dubbo} protocol (Dubbo 2 framing, hessian2 bodies) on a provider's port:
 * recognised from the magic {@code 0xdabb} that starts every Dubbo frame, each call run on
 * Courier's provider path like Courier's own (executor and its limits, filters and their
 * attachments, tracing, metrics, graceful close). See {@code docs/dubbo.md}.
 */
public final class DubboProtocol implements PortProtocol {

    private static final byte[] MAGIC = {(byte) 0xda, (byte) 0xbb};

    private final DubboOptions options;
    private final Serializer hessian = new HessianSerializer();

    public DubboProtocol(DubboOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        // Dubbo's answers use hessian-lite directly too: start it quietly first
        HessianStart.ensure(hessian);
    }

    @Override
    public String name() {
        return "dubbo";
    }

    @Override
    public Detection detect(ByteBuf firstBytes) {
        return Detection.ofPreface(firstBytes, MAGIC);
    }

    /**
     * For the services {@link DubboOptions#registeredInterfaces()} lists, the query of the URL Dubbo's
     * consumers find them by in Dubbo's ZooKeeper layout.
     */
    @Override
    public Map<String, String> registryMetadata(ServiceExport service) {
        String interfaceName = service.key().interfaceName();
        if (!options.registers(interfaceName)) {
            return Map.of();
        }
        TreeSet<String> methods = new TreeSet<>();
        service.descriptor().methods().forEach(method -> methods.add(method.name()));
        StringBuilder query = new StringBuilder();
        parameter(query, "anyhost", "false");
        parameter(query, "application", "courier");
        parameter(query, "deprecated", "false");
        parameter(query, "dubbo", DubboFrames.DUBBO_VERSION);
        parameter(query, "dynamic", "true");
        parameter(query, "generic", "false");
        if (!service.key().group().isEmpty()) {
            parameter(query, "group", service.key().group());
        }
        parameter(query, "heartbeat", Long.toString(options.heartbeatMillis()));
        parameter(query, "interface", interfaceName);
        parameter(query, "methods", String.join(",", methods));
        parameter(query, "prefer.serialization", "hessian2");
        parameter(query, "register-mode", options.registerMode());
        parameter(query, "release", "courier");
        parameter(query, "serialization", "hessian2");
        parameter(query, "side", "provider");
        if (!service.key().version().isEmpty()) {
            parameter(query, "version", service.key().version());
        }
        return Map.of(ServiceInstance.METADATA_DUBBO_URL_PARAMETERS, query.toString());
    }

    private static void parameter(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        // raw, as Dubbo's own URLs: the registry encodes the whole URL once as the node's name
        query.append(name).append('=').append(value);
    }

    @Override
    public void serve(PortConnection connection) {
        DubboCallHandler calls = new DubboCallHandler(connection, hessian, options::serves);
        connection
                .pipeline()
                .addLast("dubbo-frames", new DubboFrameDecoder(options.maxBodyBytes(), options.frameDeadlineMillis()));
        connection.pipeline().addLast("dubbo-calls", calls);
        connection.onGoAway(calls::goAway);
    }
}
