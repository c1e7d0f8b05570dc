package io.courier.thrift.internal.schema;

import java.util.Comparator;
import java.util.Map;

/**
 * Writes a {@link ServiceShape} as a Thrift IDL file that Apache Thrift's own compiler reads: the
 * declared exception {@code CourierError}, the enums and structs in the order they use each other, and the
 * service, each two-way function throwing {@code CourierError}. Methods left out are named in comments.
 */
public final class IdlPrinter {

    private IdlPrinter() {}

    public static String print(ServiceShape service) {
        StringBuilder idl = new StringBuilder();
        idl.append("// The Thrift IDL of ")
                .append(service.namespace().isEmpty() ? "" : service.namespace() + ".")
                .append(service.name())
                .append(", derived by Courier from its Java interface.\n")
                .append(
                        "// Field ids are a contract: ThriftIdlCheck compares them with a committed copy of this file.\n");
        if (!service.namespace().isEmpty()) {
            idl.append("namespace java ").append(service.namespace()).append('\n');
        }
        idl.append('\n');
        idl.append("// A call that failed: code is Courier's error code (ErrorCode's name, APPLICATION for the\n")
                .append("// service's own exception, whose Java class is exceptionClass), number its number (0 for\n")
                .append("// APPLICATION), notExecuted whether the provider proves the call did not run.\n")
                .append("exception ")
                .append(ServiceShape.ERROR)
                .append(" {\n  1: string code\n  2: i32 number\n  3: string message\n")
                .append("  4: string exceptionClass\n  5: bool notExecuted\n}\n");
        for (Object declaration : service.declarations()) {
            idl.append('\n');
            if (declaration instanceof EnumShape shape) {
                enumOf(idl, shape);
            } else {
                struct(idl, (StructShape) declaration);
            }
        }
        idl.append("\nservice ").append(service.name()).append(" {\n");
        service.methods().values().stream()
                .sorted(Comparator.comparing(MethodShape::name))
                .forEach(method -> function(idl, method));
        for (Map.Entry<String, String> left : service.unsupported().entrySet()) {
            idl.append("  // not served over Thrift: ")
                    .append(left.getKey())
                    .append(": ")
                    .append(left.getValue().replace('\n', ' '))
                    .append('\n');
        }
        return idl.append("}\n").toString();
    }

    private static void enumOf(StringBuilder idl, EnumShape shape) {
        idl.append("enum ").append(shape.name()).append(" {\n");
        shape.numbers().entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(entry -> idl.append("  ")
                .append(entry.getKey().name())
                .append(" = ")
                .append(entry.getValue())
                .append('\n'));
        idl.append("}\n");
    }

    private static void struct(StringBuilder idl, StructShape shape) {
        idl.append("struct ").append(shape.name()).append(" {\n");
        for (FieldShape field : shape.fields()) {
            idl.append("  ")
                    .append(field.id())
                    .append(": ")
                    .append(field.type().idl())
                    .append(' ')
                    .append(field.name())
                    .append('\n');
        }
        idl.append("}\n");
    }

    private static void function(StringBuilder idl, MethodShape method) {
        idl.append("  ");
        if (method.oneway()) {
            idl.append("oneway ");
        }
        idl.append(method.result() == null ? "void" : method.result().idl())
                .append(' ')
                .append(method.name())
                .append('(');
        boolean first = true;
        for (FieldShape field : method.arguments().fields()) {
            if (!first) {
                idl.append(", ");
            }
            first = false;
            idl.append(field.id())
                    .append(": ")
                    .append(field.type().idl())
                    .append(' ')
                    .append(field.name());
        }
        idl.append(')');
        if (!method.oneway()) {
            idl.append(" throws (1: ").append(ServiceShape.ERROR).append(" error)");
        }
        idl.append('\n');
    }
}
