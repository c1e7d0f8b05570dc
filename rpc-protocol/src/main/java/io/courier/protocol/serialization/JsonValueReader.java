package io.courier.protocol.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.Types;
import io.courier.protocol.json.JsonMappers;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link JsonSerializer} reading session: each value is parsed into a tree under the policy's
 * limits, its elements counted, and only then bound to the declared type. After each value the
 * parser looks at what follows: at the end of the input it is closed at once, which hands its
 * buffers back to Jackson's pool (a session has no close of its own, and a parser never closed
 * made every session allocate them anew); what looking ahead fails on is thrown by the next read,
 * as before.
 */
final class JsonValueReader implements Serializer.ValueReader {

    /**
     * The {@link #values} reader of each mapper, made once: a reader is immutable, and making one
     * per value made two objects and a configuration per call. As many as there are mappers (one
     * per distinct limits, {@link JsonMappers#reading}).
     */
    private static final Map<ObjectMapper, ObjectReader> VALUE_READERS = new ConcurrentHashMap<>();

    private final InputStream in;
    private final DeserializationPolicy policy;
    private final ObjectMapper mapper;
    /** Reads one value of several in the input: what follows it is the next value, not trailing garbage. */
    private final ObjectReader values;

    private JsonParser parser;
    /** The parser's current token starts the next value (looked at after the last one). */
    private boolean lookedAhead;
    /** What looking past the last value failed on, for the next read to throw. */
    private IOException deferred;

    JsonValueReader(InputStream in, DeserializationPolicy policy) {
        this.in = in;
        this.policy = policy;
        this.mapper = JsonMappers.reading(policy.maxDepth(), policy.maxStringLength());
        this.values = VALUE_READERS.computeIfAbsent(
                mapper, of -> of.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }

    @Override
    public Object read(Type declaredType) throws IOException {
        Class<?> raw = Types.raw(declaredType);
        boolean tree = JsonNode.class.isAssignableFrom(raw);
        if (Throwable.class.isAssignableFrom(raw)) {
            throw new RpcException(ErrorCode.SERIALIZATION, "exceptions are not read from JSON objects");
        }
        if (!tree && !raw.isPrimitive() && raw != Object.class) {
            policy.checkClass(raw.getName());
        }
        if (parser == null) {
            parser = mapper.createParser(in);
        }
        JsonNode value;
        try {
            if (deferred != null) {
                throw deferred;
            }
            JsonToken first = lookedAhead ? parser.currentToken() : parser.isClosed() ? null : parser.nextToken();
            lookedAhead = false;
            if (first == null) {
                throw new EOFException("no JSON value left");
            }
            value = values.readTree(parser);
            lookAhead();
            JsonMappers.checkElements(value, policy.maxCollectionLength());
            if (tree) {
                return value;
            }
            if (value.isNull() && !raw.isPrimitive()) {
                return null;
            }
            try (JsonParser tokens = mapper.treeAsTokens(value)) {
                return mapper.readerFor(mapper.constructType(declaredType)).readValue(tokens);
            }
        } catch (StreamConstraintsException e) {
            // Jackson's own words name the limit, never the input
            throw new RpcException(ErrorCode.SERIALIZATION, e.getOriginalMessage());
        } catch (JsonMappingException e) {
            throw new RpcException(ErrorCode.SERIALIZATION, JsonMappers.describe(e));
        }
    }

    /** Reads the token after a value: the next value's first, or the end, where the parser is closed. */
    private void lookAhead() {
        try {
            if (parser.nextToken() == null) {
                parser.close();
            } else {
                lookedAhead = true;
            }
        } catch (IOException e) {
            deferred = e;
        }
    }
}
