package io.courier.bootstrap.internal.config;

import io.courier.api.Export;
import io.courier.api.Reference;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceOptions;
import io.courier.api.coordination.CoordinationNames;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.config.DirectUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies {@link Reference} and {@link Export} attributes on top of configured options: an
 * attribute left at its default keeps the configured value, anything else wins (annotations have
 * the highest precedence).
 */
public final class AnnotationOptions {

    private AnnotationOptions() {}

    /**
     * The options of a reference declared by {@code annotation} at {@code where} (for messages).
     *
     * @throws ConfigurationException naming the attribute, its value and the expectation
     */
    public static ReferenceOptions apply(Reference annotation, ReferenceOptions configured, String where) {
        ReferenceOptions.Builder builder = configured.toBuilder();
        List<String> problems = new ArrayList<>();
        applyNames(annotation, builder);
        applyChecked(annotation, builder, where, problems);
        applyBehaviour(annotation, builder);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return builder.build();
    }

    /** The attributes that name a service's key parts and extensions. */
    private static void applyNames(Reference annotation, ReferenceOptions.Builder builder) {
        if (!annotation.group().isEmpty()) {
            builder.group(annotation.group());
        }
        if (!annotation.version().isEmpty()) {
            builder.version(annotation.version());
        }
        if (!annotation.cluster().isEmpty()) {
            builder.cluster(annotation.cluster());
        }
        if (!annotation.loadBalancer().isEmpty()) {
            builder.loadBalancer(annotation.loadBalancer());
        }
        if (!annotation.serializer().isEmpty()) {
            builder.serializer(annotation.serializer());
        }
    }

    /** The attributes with a range or a syntax, each bad one added to {@code problems}. */
    private static void applyChecked(
            Reference annotation, ReferenceOptions.Builder builder, String where, List<String> problems) {
        if (annotation.timeoutMillis() != -1) {
            if (annotation.timeoutMillis() <= 0) {
                problems.add(
                        attribute(where, "timeoutMillis", annotation.timeoutMillis(), "> 0, or -1 for the default"));
            }
            builder.timeoutMillis(annotation.timeoutMillis());
        }
        if (annotation.retries() != -1) {
            if (annotation.retries() < 0 || annotation.retries() > 100) {
                problems.add(attribute(where, "retries", annotation.retries(), "0 to 100, or -1 for the default"));
            }
            builder.retries(annotation.retries());
        }
        if (!annotation.url().isEmpty()) {
            try {
                DirectUrls.parse(annotation.url()).applyTo(builder);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": url = " + e.getMessage());
            }
        }
    }

    /** The attributes that change how calls behave: oneway methods, fallback, mocks, tags, required. */
    private static void applyBehaviour(Reference annotation, ReferenceOptions.Builder builder) {
        if (annotation.oneway().length > 0) {
            builder.onewayMethods(Set.of(annotation.oneway()));
        }
        if (annotation.fallback() != void.class) {
            builder.fallback(annotation.fallback());
        }
        if (annotation.forceMock() != void.class) {
            builder.forceMock(annotation.forceMock());
        }
        if (!annotation.tag().isEmpty()) {
            builder.tag(annotation.tag());
        }
        if (annotation.forceTag()) {
            builder.forceTag(true);
        }
        if (annotation.required()) {
            builder.required(true);
        }
    }

    /**
     * The options of an export declared by {@code annotation} on {@code where}. {@link Export#weight()}
     * at its default (100) defers to configuration, since the annotation cannot tell "unset" from 100.
     */
    public static ServiceOptions apply(Export annotation, ServiceOptions configured, String where) {
        ServiceOptions.Builder builder = configured.toBuilder();
        if (!annotation.group().isEmpty()) {
            builder.group(annotation.group());
        }
        if (!annotation.version().isEmpty()) {
            builder.version(annotation.version());
        }
        if (annotation.weight() != ServiceInstance.DEFAULT_WEIGHT) {
            if (annotation.weight() < 1 || annotation.weight() > 10_000) {
                throw new ConfigurationException(attribute(where, "weight", annotation.weight(), "1 to 10000"));
            }
            builder.weight(annotation.weight());
        }
        if (annotation.tags().length > 0) {
            builder.tags(Set.of(annotation.tags()));
        }
        if (annotation.serializers().length > 0) {
            builder.serializers(List.of(annotation.serializers()));
        }
        if (!annotation.executor().isEmpty()) {
            if (!ServiceOptions.EXECUTORS.contains(annotation.executor())) {
                throw new ConfigurationException(attribute(
                        where, "executor", "'" + annotation.executor() + "'", "one of direct, pool, virtual"));
            }
            builder.executor(annotation.executor());
        }
        if (annotation.warmupMillis() != -1) {
            if (annotation.warmupMillis() < 0) {
                throw new ConfigurationException(
                        attribute(where, "warmupMillis", annotation.warmupMillis(), ">= 0, or -1 for the default"));
            }
            builder.warmupMillis(annotation.warmupMillis());
        }
        if (!annotation.leaderGroup().isEmpty()) {
            if (!CoordinationNames.isValid(annotation.leaderGroup())) {
                throw new ConfigurationException(
                        attribute(where, "leaderGroup", "'" + annotation.leaderGroup() + "'", CoordinationNames.RULE));
            }
            builder.leaderGroup(annotation.leaderGroup());
        }
        return builder.build();
    }

    private static String attribute(String where, String name, Object value, String expected) {
        return where + ": " + name + " = " + value + " (expected: " + expected + ")";
    }
}
