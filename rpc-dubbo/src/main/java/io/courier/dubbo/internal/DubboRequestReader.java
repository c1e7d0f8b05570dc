package io.courier.dubbo.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.transport.PortConnection;
import io.courier.transport.ServiceExport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads a Dubbo request body (Dubbo's version, the path, the service version, the method, the
 * parameter descriptor, the arguments, the attachments) into a call of an exported service. The
 * arguments and attachments are read by Courier's hessian serializer under the class allow-list of
 * the service they are for, so a class the service does not allow is refused before it is loaded, as
 * in Courier's own frames.
 */
final class DubboRequestReader {

    /** The attachments that route a Dubbo call; Courier carries what they say in the call itself. */
    private static final Set<String> ROUTING = Set.of("path", "interface", "version", "group", "dubbo", "timeout");

    /** The attachment by which a Dubbo consumer proves its token (Dubbo's {@code token} parameter). */
    private static final String DUBBO_TOKEN = "token";

    /** The attachment Courier's token filter checks ({@code TokenAuthFilter.TOKEN} in rpc-filter). */
    private static final String COURIER_TOKEN = "courier.token";

    private final Serializer hessian;
    private final Predicate<String> served;
    private final DubboMethods methods = new DubboMethods();

    DubboRequestReader(Serializer hessian, Predicate<String> served) {
        this.hessian = hessian;
        this.served = served;
    }

    /**
     * @throws RpcException {@code BAD_REQUEST} for a body that cannot be read, or a class not allowed;
     *     {@code NO_PROVIDER} for a service or method this port does not serve; never executed
     */
    DubboRequest read(PortConnection connection, byte[] body) {
        HessianText text = new HessianText(body);
        text.next("Dubbo version");
        String path = text.next("path");
        String version = serviceVersion(text.next("service version"));
        String methodName = text.next("method name");
        String parameters = text.next("parameter descriptor");
        if (path == null || path.isEmpty() || methodName == null) {
            throw new RpcException(ErrorCode.BAD_REQUEST, true, "Dubbo request without a path or method", null);
        }
        if (!served.test(path)) {
            // courier.dubbo.serve leaves it out: answered as Dubbo answers a service it does not export
            throw notServed(key("", path, version));
        }
        // The group travels in the attachments, after the arguments: read them under the allow-list of
        // a service of the path and version, and again if the group names one that allows otherwise.
        ServiceExport reading = anyOf(connection, path, version);
        MethodDescriptor method = method(reading, methodName, parameters);
        Values values = values(body, text.position(), reading.policy(), method);
        String group = values.attachments().getOrDefault("group", "");
        ServiceExport service = reading;
        if (!group.equals(reading.key().group())) {
            service = find(connection, key(group, path, version));
            method = method(service, methodName, parameters);
            if (!service.policy().equals(reading.policy())) {
                values = values(body, text.position(), service.policy(), method);
            }
        }
        Invocation invocation =
                Invocation.of(service.key(), method, values.arguments()).withAttachments(values.callAttachments());
        String timeout = values.attachments().get("timeout");
        if (timeout != null) {
            try {
                long millis = Long.parseLong(timeout.strip());
                if (millis > 0) {
                    invocation =
                            invocation.withDeadlineNanos(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
                }
            } catch (NumberFormatException e) {
                throw new RpcException(
                        ErrorCode.BAD_REQUEST, true, "Dubbo request timeout '" + timeout + "' (expected: ms)", e);
            }
        }
        return new DubboRequest(service, method, invocation);
    }

    /** Dubbo writes no version as null, and some releases as {@code 0.0.0}. */
    private static String serviceVersion(String version) {
        return version == null || version.equals("0.0.0") ? "" : version;
    }

    private static ServiceExport anyOf(PortConnection connection, String path, String version) {
        ServiceKey plain = key("", path, version);
        ServiceExport export = connection.services().find(plain.toString());
        if (export != null) {
            return export;
        }
        for (ServiceExport candidate : connection.exported()) {
            if (candidate.key().interfaceName().equals(path)
                    && candidate.key().version().equals(version)) {
                return candidate;
            }
        }
        throw notServed(plain);
    }

    private static ServiceExport find(PortConnection connection, ServiceKey key) {
        ServiceExport export = connection.services().find(key.toString());
        if (export == null) {
            throw notServed(key);
        }
        return export;
    }

    private static ServiceKey key(String group, String path, String version) {
        try {
            return new ServiceKey(group, path, version);
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCode.BAD_REQUEST, true, "Dubbo request for " + e.getMessage(), e);
        }
    }

    private static RpcException notServed(ServiceKey key) {
        return new RpcException(ErrorCode.NO_PROVIDER, true, "Not found exported service: " + key, null);
    }

    private MethodDescriptor method(ServiceExport service, String name, String parameters) {
        MethodDescriptor method = methods.find(service.descriptor(), name, parameters);
        if (method == null) {
            throw new RpcException(
                    ErrorCode.NO_PROVIDER,
                    true,
                    "Not found method " + name + "(" + (parameters == null ? "" : parameters) + ") of " + service.key(),
                    null);
        }
        return method;
    }

    private Values values(byte[] body, int offset, DeserializationPolicy policy, MethodDescriptor method) {
        Serializer.ValueReader reader =
                hessian.reader(ByteSource.of(new ByteArrayInputStream(body, offset, body.length - offset)), policy);
        Object[] arguments = new Object[method.parameterCount()];
        try {
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = reader.read(method.genericParameterType(i));
            }
            Object attachments = reader.read(Map.class);
            return new Values(arguments, DubboAttachments.text(attachments));
        } catch (RpcException e) {
            throw new RpcException(
                    ErrorCode.BAD_REQUEST, true, "Dubbo request to " + method.name() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new RpcException(
                    ErrorCode.BAD_REQUEST,
                    true,
                    "Dubbo request to " + method.name() + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private record Values(Object[] arguments, Map<String, String> attachments) {
        /**
         * The attachments the provider's code and filters see: Dubbo's {@code token} is also the
         * caller's Courier token ({@code courier.token}, the attachment the token filter checks), unless
         * the caller sent one of those itself.
         */
        Map<String, String> callAttachments() {
            Map<String, String> call = new HashMap<>(attachments);
            call.keySet().removeAll(ROUTING);
            String token = call.get(DUBBO_TOKEN);
            if (token != null) {
                call.putIfAbsent(COURIER_TOKEN, token);
            }
            return call;
        }
    }
}
