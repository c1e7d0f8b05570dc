package io.courier.protocol.serialization;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.internal.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The strict {@link DeserializationPolicy}: a class name is accepted only if it is a safe JDK value
 * type, a type reachable from the services it was built for (parameters, results, declared
 * exceptions and, transitively, the fields of the application's own classes and the permitted
 * subclasses of sealed types), a class the user named, or a class in a package the user named.
 * Reflection, class loading, scripting, naming, process control and the packages of known gadget
 * chains are refused even then. Names are judged as text; nothing is loaded to judge them.
 *
 * <p>Build one per side and service (or one for every service of an application) at start-up.
 * Immutable and thread-safe.
 */
public final class ClassAllowList implements DeserializationPolicy {

    /**
     * The packages an application allows besides the types its service interfaces reach; read by
     * rpc-bootstrap (whose catalog lists it) into {@link Builder#allowPackage}, named here by the message
     * that refuses a class.
     */
    public static final ConfigKey<List<String>> ALLOWED_PACKAGES = ConfigKey.of(
            "courier.serialization.allowed-packages",
            ValueType.packages(),
            List.of(),
            "(empty)",
            "Packages whose classes may be deserialized besides the types the service interfaces use.");

    private final Set<String> classes;
    private final List<String> packages;
    private final int maxDepth;
    private final int maxCollectionLength;
    private final int maxStringLength;

    private ClassAllowList(Builder builder) {
        this.classes = Set.copyOf(builder.classes);
        this.packages = List.copyOf(builder.packages);
        this.maxDepth = builder.limits.maxDepth();
        this.maxCollectionLength = builder.limits.maxCollectionLength();
        this.maxStringLength = builder.limits.maxStringLength();
    }

    /** A builder starting with the JDK value types and the limits of {@link ProtocolOptions#defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The allow-list of one service with no extra classes: what its interface reaches. */
    public static ClassAllowList of(ServiceDescriptor service, ProtocolOptions limits) {
        return builder().limits(limits).allowTypesOf(service).build();
    }

    /**
     * The classes {@link Builder#allowTypesOf} allows for {@code service}: every class its methods
     * reach (JDK classes included, not looked into), primitives and array types left out, sorted by
     * name. Both sides of a service derive the same list from the same interface, so a serializer
     * may number types by their place in it.
     */
    public static List<Class<?>> reachableClasses(ServiceDescriptor service) {
        return ReachableTypes.classesOf(Objects.requireNonNull(service, "service"));
    }

    @Override
    public void checkClass(String className) {
        if (!allows(className)) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "class " + Names.printable(className) + " is not allowed (not reachable from the service "
                            + "interfaces, not a JDK value type, not in an allowed package; expected: a type the "
                            + "service interface names, or a class in a package listed in "
                            + ALLOWED_PACKAGES.name() + " on the side that reads it)");
        }
    }

    /** Whether {@code className} (a binary name, or an array name in JVM or hessian form) is allowed. */
    public boolean allows(String className) {
        Objects.requireNonNull(className, "className");
        String name = componentName(className);
        if (name == null) {
            return false;
        }
        if (name.isEmpty()) {
            return true;
        }
        if (GadgetPackages.refuses(name)) {
            return false;
        }
        if (JdkValueTypes.NAMES.contains(name) || classes.contains(name)) {
            return true;
        }
        for (String prefix : packages) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The element class of an array name ({@code [[Lcom.x.User;} or hessian's {@code [com.x.User}),
     * the empty string for a primitive array, the name itself otherwise, or {@code null} if the name
     * is malformed.
     */
    private static String componentName(String name) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return name;
        }
        if (dims > 255) {
            return null;
        }
        String rest = name.substring(dims);
        if (rest.length() == 1 && "ZBCSIJFD".indexOf(rest.charAt(0)) >= 0) {
            return "";
        }
        if (rest.startsWith("L") && rest.endsWith(";")) {
            return rest.substring(1, rest.length() - 1);
        }
        return rest;
    }

    @Override
    public int maxDepth() {
        return maxDepth;
    }

    @Override
    public int maxCollectionLength() {
        return maxCollectionLength;
    }

    @Override
    public int maxStringLength() {
        return maxStringLength;
    }

    @Override
    public String toString() {
        return "ClassAllowList(" + classes.size() + " classes, packages " + packages + ")";
    }

    /** Builds a {@link ClassAllowList}. Not thread-safe. */
    public static final class Builder {
        private final Set<String> classes = new HashSet<>();
        private final List<String> packages = new ArrayList<>();
        private ProtocolOptions limits = ProtocolOptions.defaults();

        private Builder() {}

        /** Allows every type reachable from {@code service}'s methods. */
        public Builder allowTypesOf(ServiceDescriptor service) {
            classes.addAll(ReachableTypes.of(service));
            return this;
        }

        /** Allows {@code type} and every type reachable from its fields. */
        public Builder allowClass(Class<?> type) {
            classes.addAll(ReachableTypes.of(type));
            return this;
        }

        /** Allows the class named {@code className}, without looking into it. */
        public Builder allowClassName(String className) {
            classes.add(Objects.requireNonNull(className, "className"));
            return this;
        }

        /**
         * Allows every class in {@code packageName} and its sub-packages, e.g. {@code
         * com.example.model}.
         *
         * @throws IllegalArgumentException for a blank name or a whole top-level domain such as
         *     {@code com}
         */
        public Builder allowPackage(String packageName) {
            Objects.requireNonNull(packageName, "packageName");
            String trimmed =
                    packageName.endsWith(".") ? packageName.substring(0, packageName.length() - 1) : packageName;
            if (trimmed.isBlank() || trimmed.indexOf('.') < 0) {
                throw new IllegalArgumentException(
                        "allowPackage: '" + packageName + "' (expected: a package with at least two parts)");
            }
            packages.add(trimmed + '.');
            return this;
        }

        /** Takes the depth, collection and string limits from {@code options}. */
        public Builder limits(ProtocolOptions options) {
            this.limits = Objects.requireNonNull(options, "options");
            return this;
        }

        public ClassAllowList build() {
            return new ClassAllowList(this);
        }
    }
}
