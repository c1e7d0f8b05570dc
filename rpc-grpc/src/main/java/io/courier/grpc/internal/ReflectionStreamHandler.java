package io.courier.grpc.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.courier.grpc.GrpcStatus;
import io.courier.grpc.internal.wire.MessageDeframer;
import io.courier.transport.PortConnection;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * gRPC server reflection ({@code grpc.reflection.v1.ServerReflection} and its older twin {@code
 * grpc.reflection.v1alpha.ServerReflection}, whose messages are the same) on one stream: each request
 * is answered from a {@link ReflectionIndex} of the services the port serves now, so that clients that
 * only know reflection (grpcurl, Postman, grpcui) can list the services and call them without a
 * {@code .proto}. Extensions are not used by Courier's services: those questions are answered with an
 * error response {@code NOT_FOUND}. The messages are read and written here with protobuf's own streams.
 */
final class ReflectionStreamHandler implements StreamListener {

    /** The two services' gRPC names. */
    static final String V1 = "grpc.reflection.v1.ServerReflection";

    static final String V1_ALPHA = "grpc.reflection.v1alpha.ServerReflection";

    private static final int NOT_FOUND = 5;
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final PortConnection connection;
    private final GrpcServices grpc;
    private final GrpcResponse response;
    private final MessageDeframer deframer;
    private boolean ended;

    ReflectionStreamHandler(PortConnection connection, GrpcServices grpc, GrpcResponse response, GrpcStream stream) {
        this.connection = connection;
        this.grpc = grpc;
        this.response = response;
        this.deframer = new MessageDeframer(stream.alloc(), MAX_REQUEST_BYTES, false);
    }

    @Override
    public void headers(Http2Headers headers, boolean endStream) {
        if (endStream) {
            end(GrpcStatus.OK, null);
        }
    }

    @Override
    public void data(ByteBuf data, boolean endStream) {
        if (ended) {
            return;
        }
        try {
            deframer.add(data, this::answer);
            if (endStream) {
                end(GrpcStatus.OK, null);
            }
        } catch (MessageDeframer.StatusException e) {
            end(e.status, e.getMessage());
        }
    }

    @Override
    public void reset() {
        ended = true;
    }

    @Override
    public void closed() {
        ended = true;
        deframer.release();
    }

    private void end(GrpcStatus status, String message) {
        if (!ended) {
            ended = true;
            response.trailers(status, message, Map.of());
        }
    }

    private void answer(byte[] request) throws MessageDeframer.StatusException {
        String host = "";
        int question = 0;
        String subject = "";
        try {
            CodedInputStream in = CodedInputStream.newInstance(request);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = tag >>> 3;
                if (field == 1 && (tag & 7) == 2) {
                    host = in.readStringRequireUtf8();
                } else if (field >= 3 && field <= 7 && (tag & 7) == 2) {
                    question = field;
                    subject = field == 5 ? "" : in.readStringRequireUtf8();
                    if (field == 5) {
                        in.skipField(tag);
                    }
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new MessageDeframer.StatusException(
                    GrpcStatus.INVALID_ARGUMENT, "not a ServerReflectionRequest: " + e.getMessage());
        }
        ReflectionIndex index = new ReflectionIndex(connection.exported(), grpc);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeString(1, host);
            out.writeByteArray(2, request);
            switch (question) {
                case 3 -> files(out, index.fileByName(subject), "file " + subject);
                case 4 -> files(out, index.fileContaining(subject), "symbol " + subject);
                case 7 -> listServices(out, listed(index.services()));
                case 5, 6 -> error(out, "Courier's services declare no extensions");
                default -> error(out, "an empty or unknown request");
            }
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        response.message(bytes.toByteArray());
    }

    private static void files(CodedOutputStream out, List<FileDescriptorProto> files, String what) throws IOException {
        if (files.isEmpty()) {
            error(out, "unknown " + what);
            return;
        }
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        CodedOutputStream fileResponse = CodedOutputStream.newInstance(nested);
        for (FileDescriptorProto file : files) {
            fileResponse.writeByteArray(1, file.toByteArray());
        }
        fileResponse.flush();
        out.writeByteArray(4, nested.toByteArray());
    }

    /**
     * The port's services, then the server's own ones that every port serves, as a grpc-java
     * server lists them, so that {@code grpcurl list} shows a client all it can call here.
     */
    static List<String> listed(List<String> services) {
        List<String> listed = new java.util.ArrayList<>(services);
        listed.addAll(List.of(HealthStreamHandler.SERVICE, V1, V1_ALPHA));
        return listed;
    }

    private static void listServices(CodedOutputStream out, List<String> services) throws IOException {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        CodedOutputStream list = CodedOutputStream.newInstance(nested);
        for (String service : services) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            CodedOutputStream entry = CodedOutputStream.newInstance(one);
            entry.writeString(1, service);
            entry.flush();
            list.writeByteArray(1, one.toByteArray());
        }
        list.flush();
        out.writeByteArray(6, nested.toByteArray());
    }

    private static void error(CodedOutputStream out, String message) throws IOException {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        CodedOutputStream error = CodedOutputStream.newInstance(nested);
        error.writeInt32(1, NOT_FOUND);
        error.writeString(2, message);
        error.flush();
        out.writeByteArray(7, nested.toByteArray());
    }
}
