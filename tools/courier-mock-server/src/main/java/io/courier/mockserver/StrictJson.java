package io.courier.mockserver;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.courier.protocol.serialization.ClassAllowList;

/**
 * The one way stub JSON becomes Java values, as strict as the project's serializers: no default
 * typing and no polymorphic type ids (Jackson annotations on the service's types are ignored, and
 * the type validator refuses every subtype), and every class Jackson would build as a bean is checked
 * against the service's class allow-list (the types its interface reaches) before its deserializer
 * exists. Unknown properties, {@code null} for primitives, duplicate keys, trailing tokens and
 * scalar coercion (a string for a number) are errors. Objects are read from and written to their
 * fields, as protostuff does.
 */
final class StrictJson {

    private StrictJson() {}

    /** A mapper that builds only classes {@code allowList} allows. */
    static ObjectMapper mapper(ClassAllowList allowList) {
        SimpleModule module = new SimpleModule("courier-allow-list");
        module.setDeserializerModifier(new AllowListCheck(allowList));
        return JsonMapper.builder()
                .disable(MapperFeature.USE_ANNOTATIONS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .polymorphicTypeValidator(
                        BasicPolymorphicTypeValidator.builder().build())
                .addModule(module)
                .build();
    }

    /** Refuses, by name, a bean class outside the allow-list before Jackson can build one. */
    private static final class AllowListCheck extends BeanDeserializerModifier {

        private static final long serialVersionUID = 1L;

        private final transient ClassAllowList allowList;

        AllowListCheck(ClassAllowList allowList) {
            this.allowList = allowList;
        }

        @Override
        public JsonDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (!type.isPrimitive() && !allowList.allows(type.getName())) {
                throw new IllegalArgumentException(
                        "class " + type.getName() + " is not a type the service interface reaches"
                                + " (expected: only the types of its parameters, results and exceptions)");
            }
            return deserializer;
        }
    }
}
