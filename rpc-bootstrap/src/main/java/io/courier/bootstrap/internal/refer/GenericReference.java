package io.courier.bootstrap.internal.refer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.courier.api.ErrorCode;
import io.courier.api.GenericService;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.json.JsonMappers;
import io.courier.protocol.json.SchemaCheck;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A {@link GenericService} over one consumer chain: the JSON arguments are parsed under the
 * protocol's limits, matched to a method and its parameters from the metadata, checked against the
 * parameters' schemas and sent as parsed JSON in the {@code json} serializer. Immutable and
 * thread-safe.
 */
public final class GenericReference implements GenericService {

    private final ServiceKey key;
    private final ServiceMetadata metadata;
    private final Map<String, List<Bound>> byName;
    private final Invoker chain;
    private final DeserializationPolicy limits;

    private record Bound(MethodMetadata metadata, MethodDescriptor descriptor) {}

    private GenericReference(
            ServiceKey key,
            ServiceMetadata metadata,
            ServiceDescriptor descriptor,
            Invoker chain,
            DeserializationPolicy limits) {
        this.key = key;
        this.metadata = metadata;
        this.chain = chain;
        this.limits = limits;
        Map<String, List<Bound>> index = new LinkedHashMap<>();
        for (int i = 0; i < metadata.methods().size(); i++) {
            MethodMetadata method = metadata.methods().get(i);
            index.computeIfAbsent(method.name(), name -> new ArrayList<>())
                    .add(new Bound(method, descriptor.methods().get(i)));
        }
        index.replaceAll((name, list) -> List.copyOf(list));
        this.byName = Map.copyOf(index);
    }

    /** The generic descriptor of {@code metadata}'s methods, in its order. */
    static ServiceDescriptor describe(ServiceMetadata metadata) {
        List<MethodDescriptor> methods = new ArrayList<>();
        for (MethodMetadata method : metadata.methods()) {
            methods.add(MethodDescriptor.generic(
                    methods.size(),
                    method.descriptor(),
                    method.parameters().size(),
                    JsonNode.class,
                    new MethodDescriptor.Flags(
                            method.async(),
                            method.oneway(),
                            method.idempotent(),
                            method.serverStream(),
                            method.streamParameter())));
        }
        return ServiceDescriptor.generic(metadata.service(), methods);
    }

    static GenericReference of(
            ServiceKey key,
            ServiceMetadata metadata,
            ServiceDescriptor descriptor,
            Invoker chain,
            DeserializationPolicy limits) {
        return new GenericReference(key, metadata, descriptor, chain, limits);
    }

    /**
     * The same caller (its consumer chain: directory, cluster, filters) with the methods of {@code
     * newer}, the service's metadata after a deploy added or changed methods.
     */
    GenericReference withMetadata(ServiceMetadata newer, ServiceDescriptor descriptor, DeserializationPolicy limits) {
        return new GenericReference(key, newer, descriptor, chain, limits);
    }

    /** The metadata this caller's methods come from. */
    ServiceMetadata metadata() {
        return metadata;
    }

    @Override
    public ServiceKey serviceKey() {
        return key;
    }

    @Override
    public Set<String> methodNames() {
        return byName.keySet();
    }

    @Override
    public CompletableFuture<String> invoke(String method, String arguments, Map<String, String> attachments) {
        Invocation invocation;
        try {
            invocation = invocation(method, arguments, null, false, attachments);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<io.courier.api.RpcResult> sent = chain.invoke(invocation);
        CompletableFuture<String> answer = sent.thenApply(result -> {
            if (result.hasException()) {
                throw new java.util.concurrent.CompletionException(result.exception());
            }
            Object value = result.value();
            return value instanceof JsonNode node ? node.toString() : NullNode.instance.toString();
        });
        // cancelling the answer cancels the call (on the wire, where the transport can)
        answer.whenComplete((value, failure) -> {
            if (answer.isCancelled()) {
                sent.cancel(false);
            }
        });
        return answer;
    }

    @Override
    public CompletableFuture<Flow.Publisher<String>> openStream(
            String method, String arguments, Flow.Publisher<String> messages, Map<String, String> attachments) {
        Invocation invocation;
        try {
            invocation = invocation(method, arguments, messages, true, attachments);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        return chain.invoke(invocation).thenApply(result -> {
            if (result.hasException()) {
                throw new java.util.concurrent.CompletionException(result.exception());
            }
            if (!(result.value() instanceof Flow.Publisher<?> publisher)) {
                throw new java.util.concurrent.CompletionException(new RpcException(
                        ErrorCode.PROVIDER_ERROR, "stream " + invocation + " was answered without a stream"));
            }
            @SuppressWarnings("unchecked")
            Flow.Publisher<Object> values = (Flow.Publisher<Object>) publisher;
            return new MappedPublisher<>(
                    values, value -> value instanceof JsonNode node ? node.toString() : NullNode.instance.toString());
        });
    }

    /**
     * The invocation of {@code method}: a plain call ({@code stream} false) or a stream's open, whose
     * stream parameter is {@code messages}, each parsed from JSON text under the limits.
     */
    private Invocation invocation(
            String method,
            String arguments,
            Flow.Publisher<String> messages,
            boolean stream,
            Map<String, String> attachments) {
        List<Bound> candidates = method == null ? null : byName.get(method);
        if (candidates == null) {
            throw bad("unknown method '" + JsonMappers.printable(String.valueOf(method)) + "' of " + key);
        }
        candidates = candidates.stream()
                .filter(candidate -> candidate.metadata().stream() == stream)
                .toList();
        if (candidates.isEmpty()) {
            throw bad(method + " of " + key
                    + (stream
                            ? " is not a stream (expected: a plain call)"
                            : " is a stream (expected: open it as a stream, see docs/streaming.md)"));
        }
        JsonNode given = parse(arguments);
        if (!given.isArray() && !given.isObject()) {
            throw bad("arguments of " + method + ": expected a JSON array (by position) or object (by name)");
        }
        Bound bound = choose(candidates, given);
        Object[] values = arguments(bound, given);
        String problem = mismatch(bound, values);
        if (problem != null) {
            throw bad(problem);
        }
        int streamParameter = bound.metadata().streamParameter();
        if (streamParameter >= 0) {
            if (messages == null) {
                throw bad(method + " of " + key + " takes the caller's messages (expected: a publisher of them)");
            }
            values[streamParameter] = new MappedPublisher<>(messages, this::parseMessage);
        }
        return Invocation.of(key, bound.descriptor(), values, attachments);
    }

    /** One of the caller's stream messages: a JSON value within the limits. */
    private JsonNode parseMessage(String message) {
        if (message == null || message.isBlank()) {
            throw bad("a stream message: empty (expected: one JSON value)");
        }
        return parse(message);
    }

    /** The method of that name taking as many arguments as given, the first whose schemas they fit. */
    private Bound choose(List<Bound> candidates, JsonNode given) {
        Bound first = null;
        for (Bound candidate : candidates) {
            if (jsonParameters(candidate) != given.size() && given.isArray()) {
                continue;
            }
            if (candidates.size() == 1 || fits(candidate, given)) {
                return candidate;
            }
            first = first == null ? candidate : first;
        }
        if (first != null) {
            return first; // its mismatch is the error the caller sees
        }
        Bound only = candidates.get(0);
        if (candidates.size() == 1) {
            throw bad(only.descriptor().name() + ": " + given.size() + " arguments (expected: "
                    + jsonParameters(only) + ", "
                    + names(only.metadata().parameters()) + ")");
        }
        throw bad(only.descriptor().name() + ": no overload takes " + given.size() + " arguments");
    }

    private boolean fits(Bound candidate, JsonNode given) {
        try {
            return mismatch(candidate, arguments(candidate, given)) == null;
        } catch (RpcException e) {
            return false;
        }
    }

    /** The parameters given as JSON: all but a stream's messages. */
    private static int jsonParameters(Bound bound) {
        return bound.metadata().parameters().size() - (bound.metadata().streamParameter() >= 0 ? 1 : 0);
    }

    /**
     * The arguments by position (the stream parameter left out); by name, every given name must be a
     * parameter other than the stream's. The stream parameter's place is left {@code null}.
     */
    private static Object[] arguments(Bound bound, JsonNode given) {
        List<ServiceMetadata.ParameterMetadata> parameters = bound.metadata().parameters();
        int streamParameter = bound.metadata().streamParameter();
        Object[] values = new Object[parameters.size()];
        if (given.isObject()) {
            for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                int position = position(parameters, name);
                if (position < 0 || position == streamParameter) {
                    throw bad(bound.descriptor().name() + ": unknown parameter '" + JsonMappers.printable(name)
                            + "' (expected: " + names(parameters) + ")");
                }
            }
        }
        int next = 0;
        for (int i = 0; i < values.length; i++) {
            if (i == streamParameter) {
                continue;
            }
            JsonNode value = given.isArray()
                    ? given.get(next++)
                    : given.get(parameters.get(i).name());
            values[i] = value == null ? NullNode.instance : value;
        }
        return values;
    }

    private static int position(List<ServiceMetadata.ParameterMetadata> parameters, String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Which parameter does not fit its schema and how, or {@code null}. */
    private String mismatch(Bound bound, Object[] values) {
        List<ServiceMetadata.ParameterMetadata> parameters = bound.metadata().parameters();
        for (int i = 0; i < values.length; i++) {
            if (i == bound.metadata().streamParameter()) {
                continue; // its messages are the provider's to read, each into the declared type
            }
            String problem =
                    SchemaCheck.mismatch((JsonNode) values[i], parameters.get(i).schema(), metadata.definitions());
            if (problem != null) {
                return "parameter '" + parameters.get(i).name() + "' of "
                        + bound.descriptor().name() + ": " + problem;
            }
        }
        return null;
    }

    private JsonNode parse(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        ObjectMapper mapper = JsonMappers.reading(limits.maxDepth(), limits.maxStringLength());
        try {
            JsonNode node = mapper.readTree(arguments);
            JsonMappers.checkElements(node, limits.maxCollectionLength());
            return node;
        } catch (StreamConstraintsException e) {
            throw bad("arguments: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw bad("arguments: malformed JSON"
                    + (e.getLocation() == null
                            ? ""
                            : " at line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr()));
        } catch (RpcException e) {
            throw bad("arguments: " + e.getMessage());
        }
    }

    private static String names(List<ServiceMetadata.ParameterMetadata> parameters) {
        return parameters.stream()
                .map(ServiceMetadata.ParameterMetadata::name)
                .toList()
                .toString();
    }

    private static RpcException bad(String message) {
        return new RpcException(ErrorCode.BAD_REQUEST, message);
    }
}
