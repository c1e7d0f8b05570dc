package io.courier.bootstrap.internal.refer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import io.courier.bootstrap.internal.refer.Overloads.Bound;
import io.courier.protocol.json.JsonMappers;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Supplier;

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
    /** {@link #byName}'s plain calls and streams apart, so that a call filters nothing. */
    private final Map<String, List<Bound>> plainByName;

    private final Map<String, List<Bound>> streamByName;
    private final Invoker chain;
    private final DeserializationPolicy limits;
    /** The mapper of {@link #limits}, looked up once rather than per call. */
    private final ObjectMapper reading;

    /**
     * Prints an answer's tree as UTF-8 straight into bytes (no text in between), a character beyond
     * the BMP as its four bytes rather than two escapes: what {@code toString()} prints, encoded.
     */
    private static final ObjectWriter PRINTING =
            JsonMappers.writing().writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

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
        this.plainByName = kind(index, false);
        this.streamByName = kind(index, true);
        this.reading = JsonMappers.reading(limits.maxDepth(), limits.maxStringLength());
    }

    /** The methods of {@code index} that are streams ({@code stream}) or plain calls, by name. */
    private static Map<String, List<Bound>> kind(Map<String, List<Bound>> index, boolean stream) {
        Map<String, List<Bound>> kind = new LinkedHashMap<>();
        index.forEach((name, list) -> kind.put(
                name,
                list.stream()
                        .filter(candidate -> candidate.metadata().stream() == stream)
                        .toList()));
        return Map.copyOf(kind);
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
            invocation = invocation(method, () -> parse(arguments), null, false, attachments);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call(invocation, value -> value instanceof JsonNode node ? node.toString() : "null");
    }

    /**
     * Parses the arguments from their bytes and prints the answer's tree into bytes: no text is made
     * of either.
     */
    @Override
    public CompletableFuture<byte[]> invokeUtf8(String method, byte[] arguments, Map<String, String> attachments) {
        Invocation invocation;
        try {
            invocation = invocation(method, () -> parse(arguments), null, false, attachments);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call(invocation, GenericReference::utf8);
    }

    private static byte[] utf8(Object value) {
        try {
            return PRINTING.writeValueAsBytes(value instanceof JsonNode node ? node : NullNode.instance);
        } catch (JsonProcessingException e) {
            // a tree read from JSON prints; what would not is the serializer's failure, as a call's
            throw new java.util.concurrent.CompletionException(
                    new RpcException(ErrorCode.SERIALIZATION, "the answer could not be printed as JSON"));
        }
    }

    /** Sends {@code invocation}; the answer's value as {@code print} has it. Cancelling it cancels the call. */
    private <T> CompletableFuture<T> call(Invocation invocation, Function<Object, T> print) {
        CompletableFuture<io.courier.api.RpcResult> sent = chain.invoke(invocation);
        CompletableFuture<T> answer = sent.thenApply(result -> {
            if (result.hasException()) {
                throw new java.util.concurrent.CompletionException(result.exception());
            }
            return print.apply(result.value());
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
            invocation = invocation(method, () -> parse(arguments), messages, true, attachments);
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
     * stream parameter is {@code messages}, each parsed from JSON text under the limits. The
     * arguments are parsed once the method is known.
     */
    private Invocation invocation(
            String method,
            Supplier<JsonNode> arguments,
            Flow.Publisher<String> messages,
            boolean stream,
            Map<String, String> attachments) {
        List<Bound> candidates = method == null ? null : (stream ? streamByName : plainByName).get(method);
        if (candidates == null) {
            throw bad("unknown method '" + JsonMappers.printable(String.valueOf(method)) + "' of " + key);
        }
        if (candidates.isEmpty()) {
            throw bad(method + " of " + key
                    + (stream
                            ? " is not a stream (expected: a plain call)"
                            : " is a stream (expected: open it as a stream, see docs/streaming.md)"));
        }
        JsonNode given = arguments.get();
        if (!given.isArray() && !given.isObject()) {
            throw bad("arguments of " + method + ": expected a JSON array (by position) or object (by name)");
        }
        Bound bound = Overloads.choose(candidates, given, metadata.definitions());
        Object[] values = Overloads.arguments(bound, given);
        String problem = Overloads.mismatch(bound, values, metadata.definitions());
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

    private JsonNode parse(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        return parsed(() -> reading.readTree(arguments));
    }

    /** {@link #parse(String)} of UTF-8 bytes; blank is ASCII white space only. */
    private JsonNode parse(byte[] arguments) {
        if (arguments == null || blank(arguments)) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        return parsed(() -> reading.readTree(arguments));
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** One way of reading the arguments' tree. */
    private interface TreeSource {
        JsonNode read() throws IOException;
    }

    /** The tree {@code source} reads, within the limits; what is wrong with it as a {@code BAD_REQUEST}. */
    private JsonNode parsed(TreeSource source) {
        try {
            JsonNode node = source.read();
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
        } catch (IOException e) {
            throw bad("arguments: malformed JSON");
        }
    }

    static RpcException bad(String message) {
        return new RpcException(ErrorCode.BAD_REQUEST, message);
    }
}
