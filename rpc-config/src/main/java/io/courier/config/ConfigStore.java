package io.courier.config;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.config.KeyDeclarations;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentStore;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.StoreException;
import io.courier.api.store.VersionConflictException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents and versions of one environment, on the registry's {@link DocumentStore}: scopes
 * become document keys, the store's errors become {@link ConfigException}s, a write is validated and
 * audited here and made conditional by the store, and a write to {@link ConfigCentre#ANY_VERSION}
 * is retried when it loses a race.
 */
final class ConfigStore {

    private static final Logger audit = LoggerFactory.getLogger("io.courier.config.audit");
    /** Attempts of a write to {@link ConfigCentre#ANY_VERSION} that loses races to other writers. */
    private static final int ATTEMPTS = 5;

    private final RegistryStore store;
    private final DocumentStore documents;
    private final ConfigDocuments validator;
    private final ConfigCentreOptions options;
    private final Clock clock;

    ConfigStore(RegistryStore store, ConfigCentreOptions options, Clock clock) {
        this.store = store;
        this.documents = store.documents();
        this.validator = new ConfigDocuments(documents);
        this.options = options;
        this.clock = clock;
    }

    ConfigDocuments validator() {
        return validator;
    }

    DocumentStore documents() {
        return documents;
    }

    /** The first defect of {@code text} as the document of {@code scope}, or empty ({@link ConfigDocuments}). */
    Optional<String> problem(ConfigScope scope, String text) {
        return call(scope, () -> validator.problem(key(scope), text));
    }

    /** The key declarations the application of {@code scope} published; empty for a service or none. */
    Optional<KeyDeclarations> declarations(ConfigScope scope) {
        return call(scope, () -> validator.declarations(key(scope)));
    }

    DocumentKey key(ConfigScope scope) {
        return scope.kind() == ConfigScope.Kind.APPLICATION
                ? DocumentKey.application(options.environment(), scope.name())
                : DocumentKey.service(options.environment(), scope.serviceKey());
    }

    Optional<ConfigVersion> current(ConfigScope scope) {
        return call(scope, () -> documents.current(key(scope))).map(ConfigStore::version);
    }

    ConfigVersion version(ConfigScope scope, long number) {
        if (number < 1) {
            throw new IllegalArgumentException("version: " + number + " (expected: >= 1)");
        }
        return call(scope, () -> documents.version(key(scope), number))
                .map(ConfigStore::version)
                .orElseThrow(() -> new ConfigException("no version " + number + " of " + scope + " in environment "
                        + options.environment() + " (kept: " + kept(scope) + ")"));
    }

    List<ConfigVersion> history(ConfigScope scope, int limit) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: 1 to 1000)");
        }
        List<Long> numbers = numbers(scope);
        List<ConfigVersion> result = new ArrayList<>();
        for (int i = numbers.size() - 1; i >= 0 && result.size() < limit; i--) {
            long number = numbers.get(i);
            // empty when dropped by a concurrent write between the listing and the read
            call(scope, () -> documents.version(key(scope), number)).ifPresent(v -> result.add(version(v)));
        }
        return result;
    }

    ConfigVersion write(ConfigScope scope, String text, String author, String comment, long expectedVersion) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(text, "text");
        checkText("author", author, 1, 200);
        String why = Objects.requireNonNullElse(comment, "");
        checkText("comment", why, 0, 1_000);
        if (expectedVersion < ConfigCentre.ANY_VERSION) {
            throw new IllegalArgumentException(
                    "expectedVersion: " + expectedVersion + " (expected: >= 0, or ConfigCentre.ANY_VERSION)");
        }
        Optional<String> problem = problem(scope, text);
        if (problem.isPresent()) {
            audit.warn(
                    "Refused a configuration for {} in environment {} by {}: {}",
                    scope,
                    options.environment(),
                    author,
                    problem.get());
            throw new InvalidConfigException(scope, problem.get());
        }
        for (int attempt = 1; ; attempt++) {
            long latest = latest(scope);
            if (expectedVersion != ConfigCentre.ANY_VERSION && expectedVersion != latest) {
                throw new ConfigConflictException(scope, expectedVersion, latest);
            }
            ConfigVersion version = new ConfigVersion(latest + 1, author, clock.instant(), why, text);
            try {
                call(scope, () -> {
                    documents.write(key(scope), document(version), options.historySize());
                    return null;
                });
            } catch (VersionConflictException e) {
                if (expectedVersion != ConfigCentre.ANY_VERSION || attempt == ATTEMPTS) {
                    throw new ConfigConflictException(
                            scope, expectedVersion == ConfigCentre.ANY_VERSION ? latest : expectedVersion, e.actual());
                }
                continue;
            }
            audit.info(
                    "Configuration of {} in environment {} is now version {}, by {}{}",
                    scope,
                    options.environment(),
                    version.number(),
                    author,
                    why.isEmpty() ? "" : ": " + why);
            return version;
        }
    }

    List<ConfigScope> scopes() {
        List<ConfigScope> scopes = new ArrayList<>();
        for (DocumentKey key : call("the scopes", () -> documents.documents(options.environment()))) {
            scopes.add(
                    key.kind() == DocumentKey.Kind.APPLICATION
                            ? ConfigScope.application(key.name())
                            : ConfigScope.service(key.name()));
        }
        return scopes;
    }

    List<String> environments() {
        return call("the environments", documents::environments);
    }

    List<ServiceKey> services() {
        return call("the services", () -> store.catalog().services());
    }

    List<ServiceInstance> providers(ServiceKey serviceKey) {
        return call(serviceKey, () -> store.catalog().providers(serviceKey));
    }

    private long latest(ConfigScope scope) {
        List<Long> numbers = numbers(scope);
        return numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
    }

    /** The kept version numbers, ascending. */
    private List<Long> numbers(ConfigScope scope) {
        return call(scope, () -> documents.versions(key(scope)));
    }

    private String kept(ConfigScope scope) {
        List<Long> numbers = numbers(scope);
        return numbers.isEmpty() ? "none" : numbers.get(0) + " to " + numbers.get(numbers.size() - 1);
    }

    /**
     * {@code operation}'s value; a failure of the store becomes a {@link ConfigException} naming
     * {@code what} (a lost race stays a {@link VersionConflictException} for {@link #write}).
     */
    private static <T> T call(Object what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (VersionConflictException e) {
            throw e;
        } catch (StoreException e) {
            throw new ConfigException(
                    e.getMessage() == null ? "the registry store failed for " + what : e.getMessage(), e);
        }
    }

    private static ConfigVersion version(DocumentVersion version) {
        return new ConfigVersion(
                version.number(), version.author(), version.instant(), version.comment(), version.text());
    }

    private static DocumentVersion document(ConfigVersion version) {
        return new DocumentVersion(
                version.number(), version.author(), version.instant(), version.comment(), version.text());
    }

    private static void checkText(String name, String value, int min, int max) {
        Objects.requireNonNull(value, name);
        if (value.length() < min || value.length() > max || (min > 0 && value.isBlank())) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: " + min + " to " + max
                    + " characters" + (min > 0 ? ", not blank" : "") + ")");
        }
    }
}
