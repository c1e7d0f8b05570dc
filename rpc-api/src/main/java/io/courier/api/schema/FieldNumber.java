package io.courier.api.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The number a field, record component, enum constant or method parameter has in the protobuf schema
 * Courier derives from a service interface (rpc-grpc's {@code GrpcSchemas}). Field numbers are the
 * wire's contract: a client compiled from an older {@code .proto} reads a field by its number, so a
 * number must never change once clients have it.
 *
 * <p>Without the annotation a number comes from the position: a record's components and a class's
 * instance fields (its superclass's first) are numbered 1, 2, 3... in declaration order, a method's
 * parameters in order, an enum's constants by ordinal + 1 (0 is the unset value, Java's {@code null}).
 * Appending a field therefore keeps every number; inserting, removing or reordering renumbers the
 * fields after it, which {@code ProtoCheck} reports against the {@code .proto} a team committed. An
 * annotated element keeps its number wherever it moves; two elements of one class may not share a
 * number (the schema is refused, naming both).
 *
 * <p>Numbers are 1 to 536,870,911 (protobuf's range), except 19,000 to 19,999, which protobuf
 * reserves; enum constants may use 1 to 2,147,483,647.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface FieldNumber {

    /** The field's number in the derived protobuf message (or the enum constant's number). */
    int value();
}
