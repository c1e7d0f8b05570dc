package io.courier.config;

import io.courier.registry.zookeeper.internal.DocumentException;
import io.courier.registry.zookeeper.internal.Layout;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents and version records of one environment in ZooKeeper (layout in {@link ConfigCentre}).
 * A write sets the document and creates its version record in one transaction, conditional on the
 * document node's ZooKeeper version, then drops the versions beyond the history size.
 */
final class ConfigStore extends RegistryReads {

    private static final Logger audit = LoggerFactory.getLogger("io.courier.config.audit");
    private static final String VERSIONS = "/_versions";
    /** Attempts of a write to {@link ConfigCentre#ANY_VERSION} that loses races to other writers. */
    private static final int ATTEMPTS = 5;

    private final ConfigCentreOptions options;
    private final Clock clock;

    ConfigStore(CuratorFramework client, ConfigCentreOptions options, Clock clock) {
        super(client, new Layout(options.root()));
        this.options = options;
        this.clock = clock;
    }

    String path(ConfigScope scope) {
        return scope.kind() == ConfigScope.Kind.APPLICATION
                ? layout.applicationConfig(options.environment(), scope.name())
                : layout.serviceConfig(options.environment(), scope.serviceKey());
    }

    Optional<ConfigVersion> current(ConfigScope scope) {
        String path = path(scope);
        Stat stat = new Stat();
        byte[] data = call(
                scope, () -> orNull(() -> client.getData().storingStatIn(stat).forPath(path)));
        if (data == null) {
            return Optional.empty();
        }
        long latest = latest(scope);
        if (latest == 0) {
            String text = new String(data, StandardCharsets.UTF_8);
            return text.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new ConfigVersion(0, "unknown", Instant.ofEpochMilli(stat.getMtime()), "", text));
        }
        return Optional.of(version(scope, latest));
    }

    ConfigVersion version(ConfigScope scope, long number) {
        if (number < 1) {
            throw new IllegalArgumentException("version: " + number + " (expected: >= 1)");
        }
        String path = path(scope) + VERSIONS + "/" + VersionRecords.name(number);
        byte[] data = call(scope, () -> orNull(() -> client.getData().forPath(path)));
        if (data == null) {
            throw new ConfigException("no version " + number + " of " + scope + " in environment "
                    + options.environment() + " (kept: " + kept(scope) + ")");
        }
        try {
            return VersionRecords.decode(data);
        } catch (DocumentException e) {
            throw new ConfigException("version " + number + " of " + scope + " cannot be read: " + e.getMessage());
        }
    }

    List<ConfigVersion> history(ConfigScope scope, int limit) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: 1 to 1000)");
        }
        List<Long> numbers = numbers(scope);
        List<ConfigVersion> result = new ArrayList<>();
        for (int i = numbers.size() - 1; i >= 0 && result.size() < limit; i--) {
            try {
                result.add(version(scope, numbers.get(i)));
            } catch (ConfigException e) {
                // dropped by a concurrent write between the listing and the read
            }
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
        Optional<String> problem = ConfigDocuments.problem(text);
        if (problem.isPresent()) {
            audit.warn(
                    "Refused a configuration for {} in environment {} by {}: {}",
                    scope,
                    options.environment(),
                    author,
                    problem.get());
            throw new InvalidConfigException(scope, problem.get());
        }
        String path = path(scope);
        for (int attempt = 1; ; attempt++) {
            Stat stat = call(scope, () -> prepare(path));
            long latest = latest(scope);
            if (expectedVersion != ConfigCentre.ANY_VERSION && expectedVersion != latest) {
                throw new ConfigConflictException(scope, expectedVersion, latest);
            }
            ConfigVersion version = new ConfigVersion(latest + 1, author, clock.instant(), why, text);
            try {
                List<CuratorOp> ops = List.of(
                        client.transactionOp()
                                .setData()
                                .withVersion(stat.getVersion())
                                .forPath(path, text.getBytes(StandardCharsets.UTF_8)),
                        client.transactionOp()
                                .create()
                                .forPath(
                                        path + VERSIONS + "/" + VersionRecords.name(version.number()),
                                        VersionRecords.encode(version)));
                client.transaction().forOperations(ops);
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
                if (expectedVersion != ConfigCentre.ANY_VERSION || attempt == ATTEMPTS) {
                    throw new ConfigConflictException(
                            scope,
                            expectedVersion == ConfigCentre.ANY_VERSION ? latest : expectedVersion,
                            latest(scope));
                }
                continue;
            } catch (Exception e) {
                throw unreachable(scope, e);
            }
            audit.info(
                    "Configuration of {} in environment {} is now version {}, by {}{}",
                    scope,
                    options.environment(),
                    version.number(),
                    author,
                    why.isEmpty() ? "" : ": " + why);
            trim(scope);
            return version;
        }
    }

    List<ConfigScope> scopes() {
        List<ConfigScope> scopes = new ArrayList<>();
        for (String name : children(layout.applicationConfigs(options.environment()))) {
            scopes.add(ConfigScope.application(name));
        }
        for (String name : children(layout.serviceConfigs(options.environment()))) {
            try {
                scopes.add(ConfigScope.service(name));
            } catch (IllegalArgumentException e) {
                // a node nobody could have written through the centre; not a scope
            }
        }
        return scopes;
    }

    List<String> environments() {
        return children(layout.configRoot());
    }

    /** Creates the document node (empty) and its versions folder when missing; the document's stat. */
    private Stat prepare(String path) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path + VERSIONS);
        } catch (KeeperException.NodeExistsException e) {
            // an earlier write made it
        }
        Stat stat = client.checkExists().forPath(path);
        if (stat == null) {
            throw new IllegalStateException(path + " vanished while writing");
        }
        return stat;
    }

    private long latest(ConfigScope scope) {
        List<Long> numbers = numbers(scope);
        return numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
    }

    /** The kept version numbers, ascending. */
    private List<Long> numbers(ConfigScope scope) {
        List<Long> numbers = new ArrayList<>();
        for (String name : children(path(scope) + VERSIONS)) {
            try {
                numbers.add(Long.parseLong(name));
            } catch (NumberFormatException e) {
                // not a version record
            }
        }
        numbers.sort(null);
        return numbers;
    }

    private String kept(ConfigScope scope) {
        List<Long> numbers = numbers(scope);
        return numbers.isEmpty() ? "none" : numbers.get(0) + " to " + numbers.get(numbers.size() - 1);
    }

    /** Drops the oldest versions beyond the history size; a failure leaves them for the next write. */
    private void trim(ConfigScope scope) {
        List<Long> numbers = numbers(scope);
        for (int i = 0; i < numbers.size() - options.historySize(); i++) {
            String path = path(scope) + VERSIONS + "/" + VersionRecords.name(numbers.get(i));
            try {
                client.delete().forPath(path);
            } catch (Exception e) {
                log.debug("Dropping {} failed; the next write retries", path, e);
            }
        }
    }

    private static void checkText(String name, String value, int min, int max) {
        Objects.requireNonNull(value, name);
        if (value.length() < min || value.length() > max || (min > 0 && value.isBlank())) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: " + min + " to " + max
                    + " characters" + (min > 0 ? ", not blank" : "") + ")");
        }
    }
}
