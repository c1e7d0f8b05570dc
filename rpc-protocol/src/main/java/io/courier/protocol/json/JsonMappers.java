package io.courier.protocol.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.protocol.internal.Names;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one Jackson configuration Courier reads and writes JSON with: field-based objects (as
 * protostuff sees them), no polymorphic type handling of any kind, {@code java.time} as ISO-8601
 * text, unknown properties refused, no coercion of strings into numbers, and parsing limits from
 * the reading side's policy. Mappers are built once per distinct limits and shared; thread-safe.
 */
public final class JsonMappers {

    /** The largest JSON document one value may be, in bytes. */
    public static final long MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;

    /** The longest property name accepted, in chars. */
    static final int MAX_NAME_LENGTH = 1024;

    private static final ObjectMapper WRITING = build(StreamReadConstraints.defaults());
    private static final Map<List<Integer>, ObjectMapper> READING = new ConcurrentHashMap<>();

    private JsonMappers() {}

    /** The mapper for writing values. */
    public static ObjectMapper writing() {
        return WRITING;
    }

    /** The mapper for reading values at most {@code maxDepth} deep with strings of at most {@code maxStringLength}. */
    public static ObjectMapper reading(int maxDepth, int maxStringLength) {
        return READING.computeIfAbsent(
                List.of(maxDepth, maxStringLength),
                limits -> build(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(maxStringLength)
                        .maxNameLength(Math.min(MAX_NAME_LENGTH, Math.max(1, maxStringLength)))
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .build()));
    }

    private static ObjectMapper build(StreamReadConstraints constraints) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
        factory.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        ObjectMapper mapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                // registered after the JavaTimeModule, so found before its LocalDateTime serializer
                .addModule(new SimpleModule("courier-java-time")
                        .addSerializer(LocalDateTime.class, IsoLocalDateTimeSerializer.INSTANCE))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(MapperFeature.BLOCK_UNSAFE_POLYMORPHIC_BASE_TYPES)
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
                .annotationIntrospector(new NoTypeIds())
                .build();
        mapper.deactivateDefaultTyping();
        return mapper;
    }

    /**
     * Counts the elements of every array and object in {@code value} together.
     *
     * @throws RpcException with {@link ErrorCode#SERIALIZATION} if there are more than {@code max}
     */
    public static void checkElements(JsonNode value, int max) {
        long count = 0;
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(value);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (!node.isContainerNode()) {
                continue;
            }
            count += node.size();
            if (count > max) {
                throw new RpcException(
                        ErrorCode.SERIALIZATION,
                        "more than " + max + " collection elements in one value (maxCollectionLength)");
            }
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                pending.push(children.next());
            }
        }
    }

    /**
     * What went wrong binding a value, naming the place (field names of the declared classes, array
     * positions) and never quoting the input beyond a name shortened to printable ASCII.
     */
    public static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(printable(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String what = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
                ? "unknown property"
                : e instanceof com.fasterxml.jackson.databind.exc.InvalidTypeIdException
                        ? "type ids are not accepted"
                        : "value does not match the declared type";
        return what + (path.length() == 0 ? "" : " at '" + path + "'") + targetOf(e);
    }

    private static String targetOf(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            return " (expected: " + mismatch.getTargetType().getTypeName() + ")";
        }
        return "";
    }

    /** {@code text} as printable ASCII of bounded length, safe for a message (the protocol's own rule). */
    public static String printable(String text) {
        return Names.printable(text);
    }

    /** Jackson's annotations, less every way of naming a type in the input. */
    private static final class NoTypeIds extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass ac, JavaType baseType) {
            return null;
        }

        @Override
        public TypeResolverBuilder<?> findPropertyTypeResolver(
                MapperConfig<?> config, AnnotatedMember am, JavaType baseType) {
            return null;
        }

        @Override
        public TypeResolverBuilder<?> findPropertyContentTypeResolver(
                MapperConfig<?> config, AnnotatedMember am, JavaType containerType) {
            return null;
        }

        @Override
        public List<NamedType> findSubtypes(Annotated a) {
            return null;
        }

        @Override
        public Object findDeserializer(Annotated a) {
            // a class naming its own deserializer could read anything; only Jackson's own apply
            return null;
        }
    }
}
