package io.courier.protocol.schema;

import java.util.Map;

/**
 * The numbered names of a schema file (a {@code .proto}, a Thrift IDL), as a protocol's parser reads
 * them: each message's (struct's) fields by name with their number and type, and each enum's constants
 * by name with their number. What {@link NumberChanges} compares.
 *
 * @param messages each message's fields, by the message's name
 * @param enums each enum's constants, by the enum's name
 */
public record NumberedNames(Map<String, Map<String, Field>> messages, Map<String, Map<String, Integer>> enums) {

    /** One field: its number and its type as the schema writes it. */
    public record Field(int number, String type) {}
}
