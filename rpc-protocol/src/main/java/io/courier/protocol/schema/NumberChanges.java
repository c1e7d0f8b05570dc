package io.courier.protocol.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a schema change does to the numbers of a committed schema file (rpc-grpc's {@code .proto},
 * rpc-thrift's IDL, whose field ids are such numbers): a field or enum constant that kept its name but not
 * its number or type, and a new one that takes a number the committed file gives to another. Removed and
 * added names are not reported (protobuf and Thrift both skip what they do not know, so both are safe while
 * a removed number is never used again). One check, so that every derived schema keeps its numbers by the
 * same rule.
 */
public final class NumberChanges {

    private NumberChanges() {}

    /** Each incompatible change from {@code committed} to {@code now}, one sentence each; empty when none. */
    public static List<String> changes(NumberedNames committed, NumberedNames now) {
        List<String> changes = new ArrayList<>();
        committed.messages().forEach((message, before) -> {
            Map<String, NumberedNames.Field> after = now.messages().get(message);
            if (after != null) {
                fields(message, before, after, changes);
            }
        });
        committed.enums().forEach((type, before) -> {
            Map<String, Integer> after = now.enums().get(type);
            if (after != null) {
                values(type, before, after, changes);
            }
        });
        return changes;
    }

    private static void fields(
            String message,
            Map<String, NumberedNames.Field> before,
            Map<String, NumberedNames.Field> after,
            List<String> changes) {
        after.forEach((name, field) -> {
            NumberedNames.Field old = before.get(name);
            if (old == null) {
                before.forEach((oldName, oldField) -> {
                    if (oldField.number() == field.number()) {
                        changes.add(message + "." + name + ": number " + field.number()
                                + ", which the committed file gives to " + message + "." + oldName
                                + " (expected: a new field takes a number never used; a removed field's stays free)");
                    }
                });
                return;
            }
            if (old.number() != field.number()) {
                changes.add(message + "." + name + ": number " + old.number() + " in the committed file, "
                        + field.number() + " now (expected: a field keeps its number; fix it with @FieldNumber("
                        + old.number() + "))");
            }
            if (!old.type().equals(field.type())) {
                changes.add(message + "." + name + ": type " + old.type() + " in the committed file, " + field.type()
                        + " now (expected: a field keeps its type; a new type is a new field with a new number)");
            }
        });
    }

    private static void values(
            String type, Map<String, Integer> before, Map<String, Integer> after, List<String> changes) {
        after.forEach((name, number) -> {
            Integer old = before.get(name);
            if (old == null) {
                before.forEach((oldName, oldNumber) -> {
                    if (oldNumber.equals(number)) {
                        changes.add(type + "." + name + ": number " + number + ", which the committed file gives to "
                                + type + "." + oldName + " (expected: a new constant takes a number never used)");
                    }
                });
            } else if (!old.equals(number)) {
                changes.add(type + "." + name + ": number " + old + " in the committed file, " + number
                        + " now (expected: a constant keeps its number; fix it with @FieldNumber(" + old + "))");
            }
        });
    }
}
