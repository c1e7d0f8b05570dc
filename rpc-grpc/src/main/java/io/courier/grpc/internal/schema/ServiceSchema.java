package io.courier.grpc.internal.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.grpc.GrpcNames;
import io.courier.grpc.internal.schema.MessageShape.Form;
import io.courier.grpc.internal.schema.ProtoType.Imported;
import io.courier.grpc.internal.schema.ProtoType.MessageOf;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The protobuf schema of one service: for each method served over gRPC its request and response
 * messages, and one file declaring the service and every message and enum its methods reach. A
 * parameter or result that is a protoc-generated message, a record or a class travels as itself;
 * otherwise a method's parameters travel in {@code <Method>Request} (one field per parameter, numbered by
 * position unless {@link io.courier.api.schema.FieldNumber} says), and a result or a stream's element of
 * another type in {@code <Method>Request}/{@code <Method>Response} with one field {@code value}
 * ({@code void}: no field). A method that cannot be described is left out, with the reason. Immutable;
 * built once per service.
 */
public final class ServiceSchema {

    /** A method's two codecs, or why it is not served over gRPC. */
    public record Messages(MessageCodec request, MessageCodec response, String unsupported) {}

    private final String fullName;
    private final FileDescriptorProto file;
    private final List<FileDescriptor> imports;
    private final Map<String, Messages> methods;
    private final Map<String, String> unsupported;

    private ServiceSchema(
            String fullName,
            FileDescriptorProto file,
            List<FileDescriptor> imports,
            Map<String, Messages> methods,
            Map<String, String> unsupported) {
        this.fullName = fullName;
        this.file = file;
        this.imports = imports;
        this.methods = methods;
        this.unsupported = unsupported;
    }

    /** The schema of {@code service}, named as {@link GrpcNames} names it. */
    public static ServiceSchema of(ServiceDescriptor service) {
        Class<?> type = service.serviceInterface();
        return of(type != null ? GrpcNames.service(type) : service.interfaceName(), service);
    }

    /** The schema of {@code service} as the gRPC service {@code fullName}. */
    public static ServiceSchema of(String fullName, ServiceDescriptor service) {
        Map<String, MethodDescriptor> served = new TreeMap<>();
        Map<String, String> unsupported = new TreeMap<>();
        for (MethodDescriptor method : service.methods()) {
            String name = GrpcNames.method(method);
            if (served.containsKey(name) || unsupported.containsKey(name)) {
                continue;
            }
            String why = shapeProblem(method);
            if (why == null) {
                try {
                    derive(new SchemaBuilder(), method, name); // alone first: its own problems are its own
                } catch (SchemaException e) {
                    why = e.getMessage();
                }
            }
            if (why == null) {
                served.put(name, method);
            } else {
                unsupported.put(name, method.name() + ": " + why);
            }
        }
        int dot = fullName.lastIndexOf('.');
        String pkg = dot > 0 ? fullName.substring(0, dot) : "";
        // together: a method whose types take a name another method's types took is left out, and the rest again
        while (true) {
            SchemaBuilder builder = new SchemaBuilder();
            Map<String, Sides> sides = new LinkedHashMap<>();
            String failed = null;
            for (Map.Entry<String, MethodDescriptor> entry : served.entrySet()) {
                try {
                    sides.put(entry.getKey(), derive(builder, entry.getValue(), entry.getKey()));
                } catch (SchemaException e) {
                    failed = entry.getKey();
                    unsupported.put(failed, entry.getValue().name() + ": " + e.getMessage());
                    break;
                }
            }
            if (failed == null) {
                return build(fullName, pkg, builder, sides, unsupported);
            }
            served.remove(failed);
        }
    }

    /** The two sides of a method: each a derived message or a protoc-generated class. */
    private record Sides(
            MethodDescriptor method,
            MessageShape request,
            Class<?> requestClass,
            MessageShape response,
            Class<?> responseClass) {}

    private static String shapeProblem(MethodDescriptor method) {
        if (method.method() == null) {
            return "a generic method has no Java types to describe";
        }
        if (method.oneway()) {
            return "a oneway method has no answer for a gRPC caller";
        }
        if (method.streamParameter() >= 0 && method.parameterCount() != 1) {
            return "a stream method served over gRPC takes only its Flow.Publisher";
        }
        return null;
    }

    private static Sides derive(SchemaBuilder builder, MethodDescriptor method, String name) {
        MessageShape request = null;
        Class<?> requestClass = null;
        Type single = method.streamParameter() >= 0
                ? method.streamMessageType()
                : method.parameterCount() == 1 ? method.genericParameterType(0) : null;
        ProtoType singleType = single == null ? null : asItself(builder, single, name + " parameter");
        if (singleType instanceof MessageOf message) {
            request = message.shape();
        } else if (singleType instanceof Imported imported) {
            requestClass = imported.javaType();
        } else if (method.streamParameter() >= 0) {
            request = value(builder, name + "Request", single);
        } else {
            List<SchemaBuilder.Member> members = new ArrayList<>();
            Parameter[] parameters = method.method().getParameters();
            for (int i = 0; i < parameters.length; i++) {
                members.add(new SchemaBuilder.Member(
                        parameters[i].getName(), method.genericParameterType(i), Map.of(), parameters[i]));
            }
            request = builder.positional(name + "Request", Form.ARGUMENTS, members);
        }
        MessageShape response = null;
        Class<?> responseClass = null;
        Type result = method.resultType();
        if (result == void.class || result == Void.class) {
            response = builder.positional(name + "Response", Form.VALUE, List.of());
        } else {
            ProtoType resultType = asItself(builder, result, name + " result");
            if (resultType instanceof MessageOf message) {
                response = message.shape();
            } else if (resultType instanceof Imported imported) {
                responseClass = imported.javaType();
            } else {
                response = value(builder, name + "Response", result);
            }
        }
        return new Sides(method, request, requestClass, response, responseClass);
    }

    /** The form of {@code type} when it travels as itself (a message or generated class), else {@code null}. */
    private static ProtoType asItself(SchemaBuilder builder, Type type, String where) {
        if (type instanceof Class<?> cls && GeneratedMessages.descriptor(cls) != null) {
            return builder.type(type, Map.of(), where);
        }
        if (type instanceof Class<?> cls && (cls.isPrimitive() || cls.isEnum() || cls.isArray())) {
            return null;
        }
        Type raw = type instanceof java.lang.reflect.ParameterizedType p ? p.getRawType() : type;
        if (!(raw instanceof Class<?> cls)
                || java.util.Collection.class.isAssignableFrom(cls)
                || Map.class.isAssignableFrom(cls)
                || cls == java.util.Optional.class
                || Scalars.of(cls) != null
                || cls.getName().startsWith("java.")) {
            return null;
        }
        ProtoType derived = builder.type(type, Map.of(), where);
        return derived instanceof MessageOf ? derived : null;
    }

    private static MessageShape value(SchemaBuilder builder, String name, Type type) {
        return builder.positional(name, Form.VALUE, List.of(new SchemaBuilder.Member("value", type, Map.of(), null)));
    }

    private static ServiceSchema build(
            String fullName,
            String pkg,
            SchemaBuilder builder,
            Map<String, Sides> sides,
            Map<String, String> unsupported) {
        List<FileDescriptor> imports = new ArrayList<>(builder.imports());
        imports.sort(Comparator.comparing(FileDescriptor::getName));
        FileDescriptorProto messages = DescriptorWriter.file(fileName(fullName), pkg, builder, imports);
        FileDescriptor built;
        try {
            built = FileDescriptor.buildFrom(messages, imports.toArray(new FileDescriptor[0]));
        } catch (DescriptorValidationException e) {
            throw new SchemaException(fullName + ": the derived schema is not valid protobuf: " + e.getMessage());
        }
        String prefix = pkg.isEmpty() ? "." : "." + pkg + ".";
        ServiceDescriptorProto.Builder service =
                ServiceDescriptorProto.newBuilder().setName(fullName.substring(fullName.lastIndexOf('.') + 1));
        Map<String, Messages> methods = new LinkedHashMap<>();
        for (Map.Entry<String, Sides> entry : sides.entrySet()) {
            Sides method = entry.getValue();
            MessageCodec request = codec(built, method.request(), method.requestClass());
            MessageCodec response = codec(built, method.response(), method.responseClass());
            methods.put(entry.getKey(), new Messages(request, response, null));
            boolean clientStreams = method.method().streamParameter() >= 0;
            MethodDescriptorProto.Builder rpc = MethodDescriptorProto.newBuilder()
                    .setName(entry.getKey())
                    .setInputType(typeName(prefix, method.request(), request))
                    .setOutputType(typeName(prefix, method.response(), response))
                    .setClientStreaming(clientStreams)
                    .setServerStreaming(method.method().serverStream());
            if (method.method().idempotent()
                    && !clientStreams
                    && !method.method().serverStream()) {
                // @Idempotent: a Connect client may call it with GET (docs/gateway.md, Browser RPC)
                rpc.setOptions(com.google.protobuf.DescriptorProtos.MethodOptions.newBuilder()
                        .setIdempotencyLevel(
                                com.google.protobuf.DescriptorProtos.MethodOptions.IdempotencyLevel.NO_SIDE_EFFECTS));
            }
            service.addMethod(rpc);
        }
        for (Map.Entry<String, String> entry : unsupported.entrySet()) {
            methods.put(entry.getKey(), new Messages(null, null, entry.getValue()));
        }
        FileDescriptorProto file = messages.toBuilder().addService(service).build();
        return new ServiceSchema(fullName, file, List.copyOf(imports), Map.copyOf(methods), Map.copyOf(unsupported));
    }

    private static String typeName(String prefix, MessageShape shape, MessageCodec codec) {
        return shape != null ? prefix + shape.name() : "." + codec.descriptor().getFullName();
    }

    private static MessageCodec codec(FileDescriptor file, MessageShape shape, Class<?> generated) {
        if (shape != null) {
            return new DerivedCodec(shape, file.findMessageTypeByName(shape.name()));
        }
        return generated(generated);
    }

    /** The codec of a protoc-generated message class, or {@code null} when {@code type} is not one. */
    public static MessageCodec generated(Class<?> type) {
        Message defaults = GeneratedMessages.defaults(type);
        return defaults == null ? null : new GeneratedCodec(type, defaults);
    }

    /** Whether {@code fullName} can name a protobuf service: a nested interface's ({@code Outer$Inner}) cannot. */
    public static boolean protobufName(String fullName) {
        return !fullName.substring(fullName.lastIndexOf('.') + 1).contains("$");
    }

    /** The name of a service's file: {@code courier/<package path>/<Service>.proto}. */
    public static String fileName(String fullName) {
        return "courier/" + fullName.replace('.', '/') + ".proto";
    }

    /** The gRPC name of the service. */
    public String fullName() {
        return fullName;
    }

    /** The codecs of the method {@code grpcName}, or {@code null} if the service has no such method. */
    public Messages messages(String grpcName) {
        return methods.get(grpcName);
    }

    /**
     * The file that declares the service (its served methods) and its derived messages and enums,
     * importing {@link #imports()}.
     */
    public FileDescriptorProto file() {
        return file;
    }

    /** The files the service's file imports: {@code Timestamp}, {@code Duration}, protoc-generated messages'. */
    public List<FileDescriptor> imports() {
        return imports;
    }

    /** Why each method left out of the file is not served over gRPC, by gRPC method name. */
    public Map<String, String> unsupported() {
        return unsupported;
    }
}
