package io.courier.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Defines its own copy of the named classes (child first) and delegates everything else to the
 * test class loader: the same interface, as a different class, as an application server would
 * load it for a second application.
 */
final class IsolatingClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Set<String> isolated;

    IsolatingClassLoader(Class<?>... classes) {
        super("isolated", IsolatingClassLoader.class.getClassLoader());
        this.isolated = Arrays.stream(classes).map(Class::getName).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!isolated.contains(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
            return loaded;
        }
    }
}
