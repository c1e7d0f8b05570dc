package io.courier.mockserver;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.ServiceDescriptor;
import io.courier.mockserver.RawStubFile.Located;
import io.courier.mockserver.RawStubFile.RawStub;
import io.courier.protocol.serialization.ClassAllowList;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * Turns a {@link RawStubFile} into {@link ServiceStubs}: the interface is loaded, every stub's
 * method found, its arguments and its result read into the declared types through {@link StrictJson}.
 * The first defect stops the reading with its line and reason.
 */
final class StubResolver {

    private static final Set<String> STUB_FIELDS = Set.of("method", "args", "returns", "throws", "delayMillis");
    private static final Set<String> THROWS_FIELDS = Set.of("type", "message");
    private static final long MAX_DELAY_MILLIS = 60_000;
    /** Unchecked exceptions any stub may throw; anything else must be declared by the method. */
    private static final List<Class<? extends RuntimeException>> COMMON_UNCHECKED =
            List.of(IllegalArgumentException.class, IllegalStateException.class, UnsupportedOperationException.class);

    private final ClassLoader loader;

    StubResolver(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Reads and types {@code file}.
     *
     * @throws StubFileException naming the line and the reason of the first defect
     */
    ServiceStubs resolve(Path file) {
        RawStubFile raw = RawStubFile.read(file);
        Class<?> serviceInterface = serviceInterface(raw);
        ObjectMapper json = StrictJson.mapper(ClassAllowList.builder()
                .allowTypesOf(ServiceDescriptor.of(serviceInterface))
                .build());
        List<Stub> stubs = new ArrayList<>();
        for (RawStub stub : raw.stubs()) {
            stubs.add(new Single(file, serviceInterface, json, stub).resolve());
        }
        return new ServiceStubs(serviceInterface, raw.group(), raw.version(), stubs, json);
    }

    static boolean isAsync(Method method) {
        return CompletionStage.class.isAssignableFrom(method.getReturnType());
    }

    private Class<?> serviceInterface(RawStubFile raw) {
        String name = raw.service().node().asText();
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new StubFileException(
                    raw.file(),
                    raw.service().line(),
                    "service: '" + name + "' is not on the"
                            + " class path (expected: the service interface's class name; add its jar with -cp)");
        }
        if (!type.isInterface()) {
            throw new StubFileException(
                    raw.file(),
                    raw.service().line(),
                    "service: " + name + " is not an interface (expected: the" + " service interface)");
        }
        return type;
    }

    /** One stub being typed. */
    private record Single(Path file, Class<?> serviceInterface, ObjectMapper json, RawStub raw) {

        Stub resolve() {
            for (String name : raw.fields().keySet()) {
                if (!STUB_FIELDS.contains(name) || name.equals("args")) {
                    throw error(
                            raw.fields().get(name).line(),
                            name.equals("args")
                                    ? "args: not an array (expected: the arguments, e.g. [1, \"text\"])"
                                    : "unknown field '" + name
                                            + "' (expected: method, args, returns, throws, delayMillis)");
                }
            }
            Method method = method();
            List<JsonNode> arguments = arguments(method);
            Located returns = raw.fields().get("returns");
            Located thrown = raw.fields().get("throws");
            boolean noValue = method.getReturnType() == void.class;
            if (returns != null && thrown != null) {
                throw error(thrown.line(), "both returns and throws (expected: one of them)");
            }
            if (returns != null && noValue) {
                throw error(
                        returns.line(),
                        "returns: " + method.getName() + " returns nothing (expected: no" + " returns, or throws)");
            }
            if (returns == null && thrown == null && !noValue) {
                throw error(raw.line(), "stub of " + method.getName() + " has neither returns nor throws");
            }
            Object value = returns == null ? null : read(returns, resultType(method), "returns");
            return new Stub(
                    raw.line(),
                    method,
                    arguments,
                    value,
                    thrown == null ? null : exception(method, thrown),
                    delayMillis());
        }

        private Method method() {
            Located located = raw.fields().get("method");
            if (located == null || !located.node().isTextual()) {
                throw error(
                        located == null ? raw.line() : located.line(),
                        "method: "
                                + (located == null ? "missing" : located.node().toString())
                                + " (expected: a method name)");
            }
            String name = located.node().asText();
            List<Method> named = Arrays.stream(serviceInterface.getMethods())
                    .filter(method -> method.getName().equals(name) && !method.isDefault())
                    .toList();
            if (named.isEmpty()) {
                Set<String> names = new TreeSet<>();
                Arrays.stream(serviceInterface.getMethods()).forEach(method -> names.add(method.getName()));
                throw error(
                        located.line(),
                        "unknown method '" + name + "' of " + serviceInterface.getName() + " (expected one of: "
                                + String.join(", ", names) + ")");
            }
            List<Method> fitting = raw.args() == null
                    ? named
                    : named.stream()
                            .filter(method ->
                                    method.getParameterCount() == raw.args().size())
                            .toList();
            if (fitting.size() == 1) {
                return fitting.get(0);
            }
            if (named.size() == 1) {
                Method only = named.get(0);
                throw error(
                        raw.argsLine(),
                        "args: " + raw.args().size() + " value(s) (expected: " + only.getParameterCount()
                                + ", the parameters of " + signature(only) + ")");
            }
            throw error(
                    located.line(),
                    "method '" + name + "' is overloaded (expected: args whose count picks one" + " of "
                            + named.stream().map(StubResolver::signature).toList() + ")");
        }

        private List<JsonNode> arguments(Method method) {
            if (raw.args() == null) {
                return null;
            }
            Type[] types = method.getGenericParameterTypes();
            List<JsonNode> trees = new ArrayList<>();
            for (int i = 0; i < types.length; i++) {
                Located argument = raw.args().get(i);
                Object typed = read(argument, types[i], "args[" + i + "]");
                trees.add(json.valueToTree(typed));
            }
            return trees;
        }

        private Object read(Located located, Type type, String where) {
            JavaType javaType = json.constructType(type);
            try {
                return json.treeToValue(located.node(), javaType);
            } catch (JsonMappingException e) {
                String path = e.getPath().isEmpty() ? "" : " at " + e.getPathReference();
                throw error(
                        located.line(),
                        where + ": " + located.node() + " cannot be read as " + type.getTypeName() + path + ": "
                                + e.getOriginalMessage(),
                        e);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                throw error(
                        located.line(),
                        where + ": " + located.node() + " cannot be read as " + type.getTypeName() + ": "
                                + e.getMessage(),
                        e);
            }
        }

        private Stub.Thrown exception(Method method, Located located) {
            JsonNode node = located.node();
            if (!node.isObject() || !node.path("type").isTextual()) {
                throw error(
                        located.line(),
                        "throws: " + node + " (expected: {\"type\": \"<exception class>\","
                                + " \"message\": \"...\"})");
            }
            node.fieldNames().forEachRemaining(name -> {
                if (!THROWS_FIELDS.contains(name)) {
                    throw error(located.line(), "throws: unknown field '" + name + "' (expected: type, message)");
                }
            });
            String typeName = node.get("type").asText();
            List<Class<?>> allowed = new ArrayList<>(List.of(method.getExceptionTypes()));
            allowed.addAll(COMMON_UNCHECKED);
            // Only a name the method declares (or a common JDK exception) is looked up: the file cannot
            // make the server load any other class.
            Class<? extends Throwable> type = allowed.stream()
                    .filter(candidate -> candidate.getName().equals(typeName))
                    .findFirst()
                    .<Class<? extends Throwable>>map(candidate -> candidate.asSubclass(Throwable.class))
                    .orElseThrow(() -> error(
                            located.line(),
                            "throws: " + typeName + " (expected: an exception "
                                    + method.getName() + " declares, or one of "
                                    + COMMON_UNCHECKED.stream()
                                            .map(Class::getName)
                                            .toList() + ")"));
            JsonNode message = node.get("message");
            return new Stub.Thrown(type, message == null || message.isNull() ? null : message.asText());
        }

        private long delayMillis() {
            Located located = raw.fields().get("delayMillis");
            if (located == null) {
                return 0;
            }
            JsonNode node = located.node();
            if (!node.canConvertToLong()
                    || !node.isIntegralNumber()
                    || node.asLong() < 0
                    || node.asLong() > MAX_DELAY_MILLIS) {
                throw error(
                        located.line(),
                        "delayMillis: " + node + " (expected: an integer 0 to " + MAX_DELAY_MILLIS + ")");
            }
            return node.asLong();
        }

        private StubFileException error(int line, String reason) {
            return new StubFileException(file, line, reason);
        }

        private StubFileException error(int line, String reason, Throwable cause) {
            return new StubFileException(file, line, reason, cause);
        }
    }

    /** What a stub's {@code returns} is read as: the declared type, or the future's value type. */
    private static Type resultType(Method method) {
        Type type = method.getGenericReturnType();
        if (!isAsync(method)) {
            return type;
        }
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    private static String signature(Method method) {
        return method.getName()
                + Arrays.stream(method.getParameterTypes())
                        .map(Class::getSimpleName)
                        .toList()
                        .toString()
                        .replace('[', '(')
                        .replace(']', ')');
    }
}
