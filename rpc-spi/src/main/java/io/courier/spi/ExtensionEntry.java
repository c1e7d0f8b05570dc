package io.courier.spi;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/** One named implementation found in a services file, with its lazily built singleton. */
final class ExtensionEntry<T> {

    private final Class<T> type;
    private final Class<? extends T> implementation;
    private final String name;
    private final String source;
    private final Activate activate;
    private volatile T instance;

    ExtensionEntry(Class<T> type, Class<? extends T> implementation, String name, String source) {
        this.type = type;
        this.implementation = implementation;
        this.name = name;
        this.source = source;
        this.activate = implementation.getAnnotation(Activate.class);
    }

    String name() {
        return name;
    }

    Class<? extends T> implementation() {
        return implementation;
    }

    /** The services file that listed this implementation. */
    String source() {
        return source;
    }

    boolean activeOn(Side side) {
        return activate != null && Arrays.asList(activate.sides()).contains(side);
    }

    int order() {
        return activate == null ? 0 : activate.order();
    }

    T instance() {
        T current = instance;
        if (current == null) {
            synchronized (this) {
                current = instance;
                if (current == null) {
                    current = build();
                    instance = current;
                }
            }
        }
        return current;
    }

    private T build() {
        String what = type.getName() + " extension '" + name + "' (" + implementation.getName() + ", listed in "
                + source + ")";
        if (Modifier.isAbstract(implementation.getModifiers())) {
            throw new ExtensionException("Cannot build " + what + ": the class is abstract");
        }
        try {
            Constructor<? extends T> constructor = implementation.getConstructor();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ExtensionException("Cannot build " + what + ": it has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new ExtensionException(
                    "Cannot build " + what + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ExtensionException("Cannot build " + what + ": " + e, e);
        }
    }
}
