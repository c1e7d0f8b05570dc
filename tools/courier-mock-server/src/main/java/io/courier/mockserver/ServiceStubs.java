package io.courier.mockserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every stub of one service file, typed and validated.
 *
 * @param serviceInterface the interface served
 * @param group its group, empty for none
 * @param version its version, empty for none
 * @param stubs the stubs, in file order (the first that matches answers)
 * @param json the strict mapper the file was read with, which turns call arguments into comparable trees
 */
record ServiceStubs(Class<?> serviceInterface, String group, String version, List<Stub> stubs, ObjectMapper json) {

    ServiceStubs {
        stubs = List.copyOf(stubs);
    }

    /** The first stub matching a call of {@code method} with {@code arguments}. */
    Optional<Stub> find(Method method, Object[] arguments) {
        List<JsonNode> trees = null;
        for (Stub stub : stubs) {
            if (!stub.method().equals(method)) {
                continue;
            }
            if (stub.arguments() != null && trees == null) {
                trees = trees(arguments);
            }
            if (stub.matches(method, trees)) {
                return Optional.of(stub);
            }
        }
        return Optional.empty();
    }

    private List<JsonNode> trees(Object[] arguments) {
        List<JsonNode> trees = new ArrayList<>();
        if (arguments != null) {
            for (Object argument : arguments) {
                trees.add(json.valueToTree(argument));
            }
        }
        return trees;
    }

    /** Whether {@code other} serves the same service key, so that it may replace this one on reload. */
    boolean sameService(ServiceStubs other) {
        return serviceInterface == other.serviceInterface && group.equals(other.group) && version.equals(other.version);
    }

    /** {@code [group/]interface[:version]}, for messages. */
    String describe() {
        return (group.isEmpty() ? "" : group + "/")
                + serviceInterface.getName()
                + (version.isEmpty() ? "" : ":" + version);
    }
}
