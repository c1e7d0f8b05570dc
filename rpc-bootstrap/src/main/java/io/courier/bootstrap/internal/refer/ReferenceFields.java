package io.courier.bootstrap.internal.refer;

import io.courier.api.Reference;
import io.courier.bootstrap.ConfigurationException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The {@link Reference} fields of a class and its superclasses, checked before anything is injected. */
public final class ReferenceFields {

    private ReferenceFields() {}

    /**
     * Every {@link Reference} field of {@code type} (superclasses included), each made accessible.
     *
     * @throws ConfigurationException listing each field that is static, final or not of an interface type
     */
    public static List<Field> of(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (!field.isAnnotationPresent(Reference.class)) {
                    continue;
                }
                String where = describe(field);
                if (!field.getType().isInterface()) {
                    problems.add(where + ": type " + field.getType().getName()
                            + " is not an interface (expected: the service interface)");
                } else if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
                    problems.add(where + ": the field is static or final (expected: an instance field that is not"
                            + " final)");
                } else {
                    fields.add(field);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        for (Field field : fields) {
            field.setAccessible(true);
        }
        return fields;
    }

    /**
     * Refuses a reference to a type that is not an interface.
     *
     * @param where the reference, for the message ({@code reference(com.example.UserService)})
     * @throws ConfigurationException naming {@code where} and the type
     */
    public static void checkInterface(Class<?> type, String where) {
        if (!Objects.requireNonNull(type, "serviceInterface").isInterface()) {
            throw new ConfigurationException(
                    where + ": type " + type.getName() + " is not an interface (expected: the service interface)");
        }
    }

    /** {@code @Reference on field com.example.Shop.users}, for messages. */
    public static String describe(Field field) {
        return "@Reference on field " + field.getDeclaringClass().getName() + "." + field.getName();
    }
}
