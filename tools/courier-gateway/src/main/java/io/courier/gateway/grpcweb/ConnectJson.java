package io.courier.gateway.grpcweb;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.courier.api.Endpoint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connect's JSON codec on the provider's own schema: a service's descriptors are asked of the
 * provider by gRPC server reflection ({@code file_containing_symbol}), kept as long as the gateway
 * keeps a service's registry metadata (the {@code refreshNanos} it is given), and JSON is converted to and from protobuf with {@link JsonFormat}
 * over {@link DynamicMessage}s (proto3's JSON mapping, field names in lowerCamelCase or as declared).
 * Blocking while it asks: call it off the IO threads. Thread-safe.
 */
public final class ConnectJson {

    private static final String REFLECTION = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
    private static final long ASK_MILLIS = 5_000;

    /** The well-known files a derived schema may import, which protobuf-java carries. */
    private static final List<FileDescriptor> WELL_KNOWN = List.of(
            com.google.protobuf.Timestamp.getDescriptor().getFile(),
            com.google.protobuf.Duration.getDescriptor().getFile(),
            com.google.protobuf.StringValue.getDescriptor().getFile(),
            com.google.protobuf.Empty.getDescriptor().getFile(),
            com.google.protobuf.Any.getDescriptor().getFile(),
            com.google.protobuf.Struct.getDescriptor().getFile());

    private final GrpcUpstream upstream;
    private final long refreshNanos;
    private final Map<String, Known> services = new ConcurrentHashMap<>();

    private record Known(Descriptors.ServiceDescriptor service, long readAt) {}

    public ConnectJson(GrpcUpstream upstream, long refreshNanos) {
        this.upstream = upstream;
        this.refreshNanos = refreshNanos;
    }

    /**
     * The method {@code method} of gRPC service {@code service} as the provider at {@code endpoint}
     * describes it, or {@code null} when it has no such method.
     *
     * @throws IllegalStateException when the provider's schema cannot be read
     */
    public MethodDescriptor method(Endpoint endpoint, Channel downstream, String service, String method) {
        long now = System.nanoTime();
        Known known = services.get(service);
        if (known == null
                || now - known.readAt() > refreshNanos
                || known.service().findMethodByName(method) == null) {
            known = new Known(reflect(endpoint, downstream, service), now);
            services.put(service, known);
        }
        return known.service().findMethodByName(method);
    }

    /** The protobuf bytes of {@code json}, a message of {@code type}. */
    public static byte[] toProto(Descriptors.Descriptor type, String json) throws InvalidProtocolBufferException {
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        JsonFormat.parser().merge(json, message);
        return message.build().toByteArray();
    }

    /** The JSON of {@code bytes}, a message of {@code type}. */
    public static String toJson(Descriptors.Descriptor type, byte[] bytes) throws InvalidProtocolBufferException {
        return JsonFormat.printer().omittingInsignificantWhitespace().print(DynamicMessage.parseFrom(type, bytes));
    }

    private Descriptors.ServiceDescriptor reflect(Endpoint endpoint, Channel downstream, String service) {
        byte[] answer = ask(endpoint, downstream, service);
        List<FileDescriptorProto> files = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(answer);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag >>> 3 == 4) {
                    CodedInputStream nested = CodedInputStream.newInstance(in.readByteArray());
                    for (int inner = nested.readTag(); inner != 0; inner = nested.readTag()) {
                        if (inner >>> 3 == 1) {
                            files.add(FileDescriptorProto.parseFrom(nested.readByteArray()));
                        } else {
                            nested.skipField(inner);
                        }
                    }
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the provider's reflection answer is not protobuf: " + e.getMessage());
        }
        Map<String, FileDescriptor> built = new HashMap<>();
        WELL_KNOWN.forEach(file -> built.put(file.getName(), file));
        Map<String, FileDescriptorProto> byName = new HashMap<>();
        files.forEach(file -> byName.put(file.getName(), file));
        for (FileDescriptorProto file : files) {
            Descriptors.ServiceDescriptor found = build(file, byName, built, 0).findServiceByName(simpleName(service));
            if (found != null && found.getFullName().equals(service)) {
                return found;
            }
        }
        throw new IllegalStateException("the provider does not describe the service " + service);
    }

    private static FileDescriptor build(
            FileDescriptorProto file,
            Map<String, FileDescriptorProto> byName,
            Map<String, FileDescriptor> built,
            int depth) {
        FileDescriptor done = built.get(file.getName());
        if (done != null) {
            return done;
        }
        if (depth > 32) {
            throw new IllegalStateException("the provider's files import each other too deep: " + file.getName());
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String name : file.getDependencyList()) {
            FileDescriptorProto dependency = byName.get(name);
            FileDescriptor resolved = built.get(name);
            if (resolved == null && dependency == null) {
                throw new IllegalStateException("the provider's schema imports an unknown file: " + name);
            }
            dependencies.add(resolved != null ? resolved : build(dependency, byName, built, depth + 1));
        }
        try {
            FileDescriptor made = FileDescriptor.buildFrom(file, dependencies.toArray(FileDescriptor[]::new));
            built.put(file.getName(), made);
            return made;
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the provider's schema is not valid: " + e.getMessage());
        }
    }

    private static String simpleName(String service) {
        return service.substring(service.lastIndexOf('.') + 1);
    }

    /** One reflection request ({@code file_containing_symbol}) and its answer's message. */
    private byte[] ask(Endpoint endpoint, Channel downstream, String service) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(request);
            out.writeString(4, service);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Http2Headers headers = GrpcUpstream.requestHeaders(endpoint, REFLECTION);
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        ByteBuf body = Unpooled.wrappedBuffer(BrowserWire.frame(0, request.toByteArray()));
        upstream.call(endpoint, headers, body, downstream, new GrpcUpstream.Listener() {
            private final ByteArrayOutputStream read = new ByteArrayOutputStream();

            @Override
            public void headers(Http2Headers headers) {}

            @Override
            public void data(ByteBuf data) {
                read.writeBytes(ByteBufUtil.getBytes(data));
                data.release();
            }

            @Override
            public void end(Http2Headers trailers) {
                byte[] bytes = read.toByteArray();
                CharSequence status = trailers.get("grpc-status");
                if (status == null || !status.toString().equals("0") || bytes.length < 5) {
                    answer.completeExceptionally(new IllegalArgumentException(
                            "the provider answered reflection with grpc-status " + status));
                } else {
                    answer.complete(java.util.Arrays.copyOfRange(bytes, 5, bytes.length));
                }
            }

            @Override
            public void failed(Throwable cause) {
                answer.completeExceptionally(cause);
            }
        });
        try {
            return answer.get(ASK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the provider for its schema");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the provider's schema could not be read: " + e);
        }
    }
}
