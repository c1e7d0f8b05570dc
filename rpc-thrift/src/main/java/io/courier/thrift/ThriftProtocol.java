package io.courier.thrift;

import io.courier.thrift.internal.ThriftCallHandler;
import io.courier.thrift.internal.ThriftFrameDecoder;
import io.courier.thrift.internal.ThriftServices;
import io.courier.thrift.internal.schema.IdlPrinter;
import io.courier.transport.Detection;
import io.courier.transport.PortConnection;
import io.courier.transport.PortProtocol;
import io.courier.transport.ServiceExport;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.Optional;

/**
 * Apache Thrift on a Courier provider's port: a {@link PortProtocol} that claims connections opening with a
 * frame of the framed transport (a 4-byte length) whose message starts with the binary protocol's version
 * word ({@code 0x80 0x01}) or the compact protocol's id ({@code 0x82}), the two protocols stock clients use,
 * and runs each call on the provider path of Courier's own calls (executor and its limits, filters,
 * tracing, metrics, graceful close). Functions are those of the IDL {@link ThriftSchemas} derives; see
 * {@code docs/thrift.md}. Thread-safe.
 */
public final class ThriftProtocol implements PortProtocol {

    private final ThriftOptions options;
    private final ThriftServices services = new ThriftServices(ThriftSchemas::shape);

    public ThriftProtocol(ThriftOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "thrift";
    }

    @Override
    public Detection detect(ByteBuf firstBytes) {
        int start = firstBytes.readerIndex();
        int readable = firstBytes.readableBytes();
        if (readable < 5) {
            return Detection.NEED_MORE;
        }
        int first = firstBytes.getUnsignedByte(start + 4);
        if (first == 0x82) {
            return Detection.MATCH;
        }
        if (first != 0x80) {
            return Detection.NO_MATCH;
        }
        if (readable < 6) {
            return Detection.NEED_MORE;
        }
        return firstBytes.getUnsignedByte(start + 5) == 0x01 ? Detection.MATCH : Detection.NO_MATCH;
    }

    /** Derives the service's Thrift schema once, so that callers may name it. */
    @Override
    public void check(ServiceExport service) {
        services.add(service);
    }

    /** The service's Thrift IDL, for the admin endpoint's {@code GET /schema/thrift/<service>}. */
    @Override
    public Optional<String> describe(ServiceExport service) {
        return Optional.of(IdlPrinter.print(services.shape(service.descriptor())));
    }

    @Override
    public void serve(PortConnection connection) {
        ThriftCallHandler calls = new ThriftCallHandler(connection, services, options.maxDepth());
        connection
                .pipeline()
                .addLast(
                        "thrift-frames",
                        new ThriftFrameDecoder(options.maxFrameBytes(), options.frameDeadlineMillis()));
        connection.pipeline().addLast("thrift-calls", calls);
        connection.onGoAway(calls::goAway);
    }
}
