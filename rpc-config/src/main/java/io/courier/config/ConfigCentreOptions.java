package io.courier.config;

import io.courier.api.registry.RegistryOptions;
import java.util.Objects;

/**
 * Where a {@link ConfigCentre} keeps its documents and how many versions it keeps. Immutable;
 * validated when built, with errors that name the value and the expectation.
 *
 * @param root the registry root the applications use ({@code courier.registry.root}, default
 *     {@code /courier}); the documents live under {@code <root>/_config/<environment>/}
 * @param environment the namespace ({@code courier.environment}, default {@code default}): lower-case
 *     letters, digits, {@code .}, {@code _} and {@code -}, 1 to 64 characters, starting with a letter or digit
 * @param historySize versions kept per document for diff and rollback, 1 to 1,000 (default 20); older
 *     versions are deleted by the write that makes them surplus
 */
public record ConfigCentreOptions(String root, String environment, int historySize) {

    public static final String DEFAULT_ENVIRONMENT = RegistryOptions.DEFAULT_ENVIRONMENT;
    public static final int DEFAULT_HISTORY_SIZE = 20;

    public ConfigCentreOptions {
        root = Objects.requireNonNullElse(root, RegistryOptions.DEFAULT_ROOT);
        if (!root.startsWith("/") || (root.length() > 1 && root.endsWith("/")) || root.contains("//")) {
            throw new IllegalArgumentException("root: '" + root + "' (expected: an absolute path like /courier)");
        }
        environment = Objects.requireNonNullElse(environment, DEFAULT_ENVIRONMENT);
        RegistryOptions.checkEnvironment(environment);
        if (historySize < 1 || historySize > 1_000) {
            throw new IllegalArgumentException("historySize: " + historySize + " (expected: 1 to 1000)");
        }
    }

    /** The defaults: root {@code /courier}, environment {@code default}, 20 versions. */
    public static ConfigCentreOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ConfigCentreOptions}; starts from the defaults. */
    public static final class Builder {
        private String root = RegistryOptions.DEFAULT_ROOT;
        private String environment = DEFAULT_ENVIRONMENT;
        private int historySize = DEFAULT_HISTORY_SIZE;

        private Builder() {}

        public Builder root(String root) {
            this.root = root;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder historySize(int historySize) {
            this.historySize = historySize;
            return this;
        }

        public ConfigCentreOptions build() {
            return new ConfigCentreOptions(root, environment, historySize);
        }
    }
}
