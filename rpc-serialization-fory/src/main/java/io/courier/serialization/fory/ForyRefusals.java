package io.courier.serialization.fory;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.internal.Names;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.fory.exception.InsecureException;

/**
 * Turns Fory's refusal of a class the input names into Courier's: with registration required, Fory
 * refuses an unregistered name before it loads anything and before it would ask a type checker, so
 * the name it reports is judged by the policy here, giving the same error as the other serializers
 * for a class the policy refuses, and a "not registered" error for one it allows but the service's
 * Fory does not carry.
 */
final class ForyRefusals {

    /** Fory 1.6's messages: "Class NAME is not registered." and "Class NAME is forbidden for deserialization." */
    private static final Pattern REFUSED = Pattern.compile("Class (\\S+) is (?:not registered|forbidden)");

    private ForyRefusals() {}

    /** The refusal in {@code thrown}'s causes, as an {@link RpcException}; {@code null} if there is none. */
    static RpcException find(Throwable thrown, DeserializationPolicy policy, String service) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof RpcException refusal) {
                return refusal;
            }
            if (cause instanceof InsecureException insecure) {
                return of(insecure, policy, service);
            }
        }
        return null;
    }

    private static RpcException of(InsecureException insecure, DeserializationPolicy policy, String service) {
        Matcher matcher = REFUSED.matcher(String.valueOf(insecure.getMessage()));
        if (!matcher.find()) {
            // a limit (depth, sizes): Fory's own text, which quotes no value of the input
            return new RpcException(
                    ErrorCode.SERIALIZATION, "fory refused the value: " + Names.printable(insecure.getMessage()));
        }
        String className = matcher.group(1);
        try {
            policy.checkClass(className);
        } catch (RpcException refused) {
            return refused;
        }
        return new RpcException(
                ErrorCode.SERIALIZATION,
                "class " + Names.printable(className) + " is not registered with fory for " + service
                        + " (expected: a type the service interface reaches; fory carries no other class)");
    }
}
