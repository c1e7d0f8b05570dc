package io.courier.thrift.internal.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a schema change does to the field ids of a committed Thrift IDL, by the rules the {@code .proto}
 * check follows: a field, parameter or enum constant that kept its name but not its id or type, and a new
 * one that takes an id the committed file gives to another. Removed and added names are not reported
 * (Thrift skips unknown ids, so both are safe while a removed id is never reused).
 */
public final class FieldIdCheck {

    private FieldIdCheck() {}

    /** Each incompatible change from {@code committed} to {@code now}, one sentence each; empty when none. */
    public static List<String> changes(IdlOutline committed, IdlOutline now) {
        List<String> changes = new ArrayList<>();
        committed.structs().forEach((struct, before) -> {
            Map<String, IdlOutline.Field> after = now.structs().get(struct);
            if (after != null) {
                fields(struct, before, after, changes);
            }
        });
        committed.enums().forEach((type, before) -> {
            Map<String, Integer> after = now.enums().get(type);
            if (after != null) {
                constants(type, before, after, changes);
            }
        });
        return changes;
    }

    private static void fields(
            String struct,
            Map<String, IdlOutline.Field> before,
            Map<String, IdlOutline.Field> after,
            List<String> changes) {
        after.forEach((name, field) -> {
            IdlOutline.Field old = before.get(name);
            if (old == null) {
                before.forEach((oldName, oldField) -> {
                    if (oldField.id() == field.id()) {
                        changes.add(struct + "." + name + ": id " + field.id() + ", which the committed file gives to "
                                + struct + "." + oldName
                                + " (expected: a new field takes an id never used; a removed field's stays free)");
                    }
                });
                return;
            }
            if (old.id() != field.id()) {
                changes.add(struct + "." + name + ": id " + old.id() + " in the committed file, " + field.id()
                        + " now (expected: a field keeps its id; fix it with @FieldNumber(" + old.id() + "))");
            }
            if (!old.type().equals(field.type())) {
                changes.add(struct + "." + name + ": type " + old.type() + " in the committed file, " + field.type()
                        + " now (expected: a field keeps its type; a new type is a new field with a new id)");
            }
        });
    }

    private static void constants(
            String type, Map<String, Integer> before, Map<String, Integer> after, List<String> changes) {
        after.forEach((name, value) -> {
            Integer old = before.get(name);
            if (old == null) {
                before.forEach((oldName, oldValue) -> {
                    if (oldValue.equals(value)) {
                        changes.add(type + "." + name + ": value " + value + ", which the committed file gives to "
                                + type + "." + oldName + " (expected: a new constant takes a value never used)");
                    }
                });
            } else if (!old.equals(value)) {
                changes.add(type + "." + name + ": value " + old + " in the committed file, " + value
                        + " now (expected: a constant keeps its value; fix it with @FieldNumber(" + old + "))");
            }
        });
    }
}
