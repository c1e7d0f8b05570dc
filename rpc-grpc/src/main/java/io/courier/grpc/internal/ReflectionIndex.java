package io.courier.grpc.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.courier.grpc.GrpcNames;
import io.courier.grpc.internal.schema.ServiceSchema;
import io.courier.transport.ServiceExport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The protobuf files that describe the services a port serves, for server reflection: one file per
 * service interface, declaring the service (in the interface's package, named as {@link GrpcNames}
 * names it) with the messages derived from its interface, importing the files of its protoc-generated
 * messages, with every file reachable by name and every service, method and message by its full name.
 * A service that serves no method over gRPC, or whose name is not a protobuf name (a nested interface),
 * is left out.
 */
final class ReflectionIndex {

    /** File bytes by file name, each file followed by its imports. */
    private final Map<String, FileDescriptorProto> files = new LinkedHashMap<>();

    private final Map<String, List<String>> imports = new LinkedHashMap<>();
    /** The file that declares each symbol. */
    private final Map<String, String> symbols = new TreeMap<>();

    private final List<String> services = new ArrayList<>();

    ReflectionIndex(List<ServiceExport> exported, GrpcServices grpc) {
        for (ServiceExport export : exported) {
            add(export, grpc);
        }
        // the server's own health service, described as grpc-java describes it (listed apart, last)
        addFile(HealthSchema.FILE);
        symbols.put(HealthStreamHandler.SERVICE + ".Check", HealthSchema.FILE.getName());
        symbols.put(HealthStreamHandler.SERVICE + ".Watch", HealthSchema.FILE.getName());
    }

    /** The full names of the services described. */
    List<String> services() {
        return services;
    }

    /** The file {@code name} and the files it imports, transitively, or an empty list. */
    List<FileDescriptorProto> fileByName(String name) {
        List<FileDescriptorProto> out = new ArrayList<>();
        collect(name, new LinkedHashSet<>(), out);
        return out;
    }

    /** The file that declares {@code symbol} (a service, method or message) and its imports, or an empty list. */
    List<FileDescriptorProto> fileContaining(String symbol) {
        String file = symbols.get(symbol);
        return file == null ? List.of() : fileByName(file);
    }

    private void collect(String name, LinkedHashSet<String> seen, List<FileDescriptorProto> out) {
        FileDescriptorProto file = files.get(name);
        if (file == null || !seen.add(name)) {
            return;
        }
        out.add(file);
        for (String dependency : imports.getOrDefault(name, List.of())) {
            collect(dependency, seen, out);
        }
    }

    private void add(ServiceExport export, GrpcServices grpc) {
        String fullName = GrpcServices.name(export);
        if (services.contains(fullName)) {
            return;
        }
        ServiceFile described = describe(grpc.schema(export));
        if (described == null) {
            return;
        }
        FileDescriptorProto file = described.file();
        for (FileDescriptor dependency : described.dependencies()) {
            addFile(dependency);
        }
        files.put(file.getName(), file);
        imports.put(file.getName(), file.getDependencyList());
        symbols.put(fullName, file.getName());
        for (MethodDescriptorProto method : file.getService(0).getMethodList()) {
            symbols.put(fullName + "." + method.getName(), file.getName());
        }
        String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        for (DescriptorProto message : file.getMessageTypeList()) {
            symbols.put(prefix + message.getName(), file.getName());
        }
        for (EnumDescriptorProto type : file.getEnumTypeList()) {
            symbols.put(prefix + type.getName(), file.getName());
        }
        services.add(fullName);
    }

    /** A service's file, and the files of its messages that it imports. */
    record ServiceFile(FileDescriptorProto file, List<FileDescriptor> dependencies) {}

    /**
     * The file that declares the service of {@code schema} with the methods gRPC serves and the messages
     * derived for them, or {@code null} when it serves none or its name is not a protobuf name.
     */
    static ServiceFile describe(ServiceSchema schema) {
        FileDescriptorProto file = schema.file();
        if (!ServiceSchema.protobufName(schema.fullName()) || file.getService(0).getMethodCount() == 0) {
            return null;
        }
        return new ServiceFile(file, schema.imports());
    }

    private void addFile(FileDescriptor file) {
        if (files.containsKey(file.getName())) {
            return;
        }
        files.put(file.getName(), file.toProto());
        List<String> fileImports = new ArrayList<>();
        for (FileDescriptor dependency : file.getDependencies()) {
            fileImports.add(dependency.getName());
            addFile(dependency);
        }
        imports.put(file.getName(), fileImports);
        for (Descriptor message : file.getMessageTypes()) {
            addMessage(message, file.getName());
        }
        for (EnumDescriptor type : file.getEnumTypes()) {
            symbols.put(type.getFullName(), file.getName());
        }
        for (ServiceDescriptor service : file.getServices()) {
            symbols.put(service.getFullName(), file.getName());
        }
    }

    private void addMessage(Descriptor message, String file) {
        symbols.put(message.getFullName(), file);
        for (Descriptor nested : message.getNestedTypes()) {
            addMessage(nested, file);
        }
        for (EnumDescriptor type : message.getEnumTypes()) {
            symbols.put(type.getFullName(), file);
        }
    }
}
