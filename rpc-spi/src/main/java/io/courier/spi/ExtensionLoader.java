package io.courier.spi;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds, names and instantiates the implementations of one {@link ExtensionPoint}.
 *
 * <p>Implementations are read from every {@code META-INF/services/<interface FQN>} resource
 * visible to the class loader (the {@link java.util.ServiceLoader} file format: one class name per
 * line, {@code #} starts a comment). Each class declares its name with {@link Extension} and, if it
 * is activated automatically, its sides and order with {@link Activate}.
 *
 * <p>The catalog is read once, on first use; a broken catalog (a listed class that is missing,
 * lacks {@code @Extension}, does not implement the interface, or shares its name with another
 * class) fails every call with an {@link ExtensionException} naming the file and the classes. One
 * instance is built per name, on first request. All methods are thread-safe.
 *
 * @param <T> the extension point
 */
public final class ExtensionLoader<T> {

    private static final ClassValue<ExtensionLoader<?>> LOADERS = new ClassValue<>() {
        @Override
        protected ExtensionLoader<?> computeValue(Class<?> type) {
            return new ExtensionLoader<>(type, defaultClassLoader(type));
        }
    };

    private final Class<T> type;
    private final ClassLoader classLoader;
    private final String defaultName;
    private final Map<Side, List<T>> activated = new EnumMap<>(Side.class);
    private volatile ExtensionCatalog<T> catalog;

    private ExtensionLoader(Class<T> type, ClassLoader classLoader) {
        this.type = type;
        this.classLoader = classLoader;
        this.defaultName = type.getAnnotation(ExtensionPoint.class).defaultName();
    }

    /**
     * The loader for {@code type}, reading the class path of the type's own class loader. The same
     * loader (and so the same instances) is returned for every call with the same type.
     *
     * @throws ExtensionException if {@code type} is not an interface annotated {@link ExtensionPoint}
     */
    @SuppressWarnings("unchecked")
    public static <T> ExtensionLoader<T> of(Class<T> type) {
        checkExtensionPoint(type);
        return (ExtensionLoader<T>) LOADERS.get(type);
    }

    /**
     * A new, unshared loader for {@code type} reading {@code classLoader}'s class path; for
     * containers that load applications in their own class loaders, and for tests.
     */
    public static <T> ExtensionLoader<T> of(Class<T> type, ClassLoader classLoader) {
        checkExtensionPoint(type);
        return new ExtensionLoader<>(type, Objects.requireNonNull(classLoader, "classLoader"));
    }

    /** The extension point this loader serves. */
    public Class<T> type() {
        return type;
    }

    /** The default implementation's name, or the empty string when the extension point has none. */
    public String defaultName() {
        return defaultName;
    }

    /** The names of every implementation found, sorted. */
    public Set<String> names() {
        return catalog().names();
    }

    /** Whether an implementation is registered under {@code name}. */
    public boolean has(String name) {
        return catalog().find(name) != null;
    }

    /**
     * The single instance registered under {@code name}, built on first request.
     *
     * @throws ExtensionException if no implementation has that name (the message lists the known
     *     ones) or the implementation cannot be built
     */
    public T get(String name) {
        Objects.requireNonNull(name, "name");
        ExtensionEntry<T> entry = catalog().find(name);
        if (entry == null) {
            throw new ExtensionException("Unknown " + type.getName() + " extension '" + name + "' (known: "
                    + String.join(", ", names()) + ")");
        }
        return entry.instance();
    }

    /**
     * The instance of the default implementation.
     *
     * @throws ExtensionException if the extension point declares no default, or as {@link #get}
     */
    public T getDefault() {
        if (defaultName.isEmpty()) {
            throw new ExtensionException(
                    type.getName() + " declares no default extension (@ExtensionPoint(defaultName))");
        }
        return get(defaultName);
    }

    /** The name the implementation class {@code extensionClass} is registered under. */
    public String nameOf(Class<?> extensionClass) {
        Extension extension = extensionClass.getAnnotation(Extension.class);
        if (extension == null) {
            throw new ExtensionException(extensionClass.getName() + " has no @Extension annotation");
        }
        return extension.value();
    }

    /**
     * The instances of every implementation annotated {@link Activate} for {@code side}, in
     * ascending {@link Activate#order()}, ties broken by name. The list is computed once per side
     * and is immutable.
     */
    public List<T> activated(Side side) {
        Objects.requireNonNull(side, "side");
        synchronized (activated) {
            return activated.computeIfAbsent(side, this::loadActivated);
        }
    }

    private List<T> loadActivated(Side side) {
        return catalog().entries().stream()
                .filter(entry -> entry.activeOn(side))
                .sorted(Comparator.comparingInt((ExtensionEntry<T> entry) -> entry.order())
                        .thenComparing(ExtensionEntry::name))
                .map(ExtensionEntry::instance)
                .collect(Collectors.toUnmodifiableList());
    }

    private ExtensionCatalog<T> catalog() {
        ExtensionCatalog<T> current = catalog;
        if (current == null) {
            synchronized (this) {
                current = catalog;
                if (current == null) {
                    current = ExtensionCatalog.read(type, classLoader);
                    catalog = current;
                }
            }
        }
        return current;
    }

    private static void checkExtensionPoint(Class<?> type) {
        Objects.requireNonNull(type, "type");
        if (!type.isInterface() || !type.isAnnotationPresent(ExtensionPoint.class)) {
            throw new ExtensionException(
                    type.getName() + " is not an extension point (expected: an interface annotated @"
                            + ExtensionPoint.class.getSimpleName() + ")");
        }
    }

    private static ClassLoader defaultClassLoader(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    @Override
    public String toString() {
        return "ExtensionLoader(" + type.getName() + ")";
    }
}
