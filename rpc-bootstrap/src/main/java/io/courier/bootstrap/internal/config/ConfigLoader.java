package io.courier.bootstrap.internal.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyRegistry;
import io.courier.api.config.ConfigValueException;
import io.courier.bootstrap.ConfigSource;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.bootstrap.config.ClientKeys;
import io.courier.bootstrap.config.WireKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration sources, checks every {@code courier.*} key and value, and merges them by
 * precedence: builder, then system properties, then environment variables, then the properties file
 * (annotations, which beat all of these, are applied per service later; the configuration centre's
 * live documents come last and change only live keys). An operator's {@code -D} or variable thus
 * overrides the file packaged with the application, as in Spring Boot and Dubbo. A
 * {@link ConfigSource} takes the place of system properties and environment variables, so it too
 * comes before the file. Every problem is collected, so one failed start-up reports all of them.
 */
public final class ConfigLoader {

    static final String PROPERTIES_RESOURCE = "courier.properties";

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    private final Map<String, String> programmatic;
    private final ConfigSource source;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final ClassLoader classLoader;
    private final List<String> problems = new ArrayList<>();
    private final KeyCheck keys;
    /** The application's declared settings (names outside courier.), read from every source alike. */
    private Set<String> applicationKeys = Set.of();

    /**
     * @param programmatic what the builder set, key to text
     * @param systemProperties the JVM's system properties (only {@code courier.*} ones are read)
     * @param environment the process environment (only {@code COURIER_*} variables are read)
     * @param classLoader where {@code courier.properties} is looked up
     * @param filterNames the filter extensions present, to check {@code courier.filter.<filter>.*} keys
     */
    public ConfigLoader(
            Map<String, String> programmatic,
            Map<String, String> systemProperties,
            Map<String, String> environment,
            ClassLoader classLoader,
            Set<String> filterNames) {
        this(programmatic, null, systemProperties, environment, classLoader, filterNames);
    }

    /**
     * As the other constructor, with a host's configuration {@code source}, read instead of
     * {@code systemProperties} and {@code environment}; {@code null} for none.
     */
    public ConfigLoader(
            Map<String, String> programmatic,
            ConfigSource source,
            Map<String, String> systemProperties,
            Map<String, String> environment,
            ClassLoader classLoader,
            Set<String> filterNames) {
        this.programmatic = programmatic;
        this.source = source;
        this.systemProperties = source == null ? systemProperties : Map.of();
        this.environment = source == null ? environment : Map.of();
        this.classLoader = classLoader;
        this.keys = new KeyCheck(filterNames, problems);
    }

    /**
     * Reads the application's own keys {@code names} too, from every source, in the same order; their
     * values are checked by their declarations, not here.
     */
    public ConfigLoader declaring(Collection<String> names) {
        this.applicationKeys = Set.copyOf(names);
        return this;
    }

    /**
     * The merged, validated settings.
     *
     * @throws ConfigurationException listing every unknown key and invalid value
     */
    public Settings load() {
        List<Setting> builder = fromMap(programmatic, "builder");
        List<Setting> host = fromSource();
        List<Setting> system = fromSystemProperties();
        List<Setting> env = fromEnvironment();
        List<Setting> file = fromFile(configFile(builder, host, system, env));

        Map<String, Setting> merged = new LinkedHashMap<>();
        for (List<Setting> layer : List.of(builder, host, system, env, file)) {
            for (Setting setting : layer) {
                if (applicationKeys.contains(setting.key()) || keys.check(setting)) {
                    merged.putIfAbsent(setting.key(), setting);
                }
            }
        }
        Settings settings = Settings.parse(merged, problems);
        if (problems.isEmpty()) {
            checkOrder(settings, WireKeys.TRANSPORT_WRITE_BUFFER_LOW, WireKeys.TRANSPORT_WRITE_BUFFER_HIGH);
            checkOrder(
                    settings,
                    ClientKeys.CLIENT_RECONNECT_BACKOFF_BASE_MILLIS,
                    ClientKeys.CLIENT_RECONNECT_BACKOFF_MAX_MILLIS);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return settings;
    }

    /** Records a problem unless {@code low}'s value is at most {@code high}'s. */
    private <T extends Comparable<T>> void checkOrder(Settings settings, ConfigKey<T> low, ConfigKey<T> high) {
        T lowValue = settings.get(low);
        T highValue = settings.get(high);
        if (lowValue.compareTo(highValue) > 0) {
            problems.add(high.name() + ": '" + highValue + "' (expected: at least " + low.name() + ", which is "
                    + lowValue + ") [" + settings.origin(high.name()) + "]");
        }
    }

    private static List<Setting> fromMap(Map<String, String> entries, String origin) {
        List<Setting> settings = new ArrayList<>(entries.size());
        new TreeMap<>(entries).forEach((key, text) -> settings.add(new Setting(key, text, origin)));
        return settings;
    }

    /** The source's own {@code courier.*} names and every fixed key it finds, under any spelling. */
    private List<Setting> fromSource() {
        if (source == null) {
            return List.of();
        }
        Set<String> names = new TreeSet<>();
        for (String name : source.names()) {
            if (name.startsWith(ConfigKey.PREFIX)) {
                names.add(name);
            }
        }
        ConfigKeys.all().forEach(key -> names.add(key.name()));
        names.addAll(applicationKeys);
        List<Setting> settings = new ArrayList<>();
        for (String name : names) {
            String text = source.text(name);
            if (text != null) {
                settings.add(new Setting(name, text, source.origin(name)));
            }
        }
        return settings;
    }

    private List<Setting> fromSystemProperties() {
        List<Setting> settings = new ArrayList<>();
        new TreeMap<>(systemProperties).forEach((key, text) -> {
            if (key.startsWith(ConfigKey.PREFIX) || applicationKeys.contains(key)) {
                settings.add(new Setting(key, text, "system property"));
            }
        });
        return settings;
    }

    private List<Setting> fromEnvironment() {
        List<Setting> settings = new ArrayList<>();
        Map<String, String> declared = new TreeMap<>();
        applicationKeys.forEach(name -> declared.put(ConfigKey.environmentName(name), name));
        new TreeMap<>(environment).forEach((variable, text) -> {
            if (declared.containsKey(variable)) {
                settings.add(new Setting(declared.get(variable), text, "environment variable " + variable));
                return;
            }
            if (!variable.startsWith(ConfigKey.ENV_PREFIX)) {
                return;
            }
            ConfigKey<?> key = ConfigKeys.findByEnvironmentName(variable);
            if (key == null) {
                problems.add("environment variable " + variable + ": unknown key (expected: the environment name of a"
                        + " key in docs/configuration.md" + suggestion(environmentSuggestion(variable))
                        + "; per-method and per-service keys cannot be set from the environment)");
            } else {
                settings.add(new Setting(key.name(), text, "environment variable " + variable));
            }
        });
        return settings;
    }

    private static Setting configFile(
            List<Setting> builder, List<Setting> host, List<Setting> system, List<Setting> env) {
        for (List<Setting> layer : List.of(builder, host, system, env)) {
            for (Setting setting : layer) {
                if (setting.key().equals(ApplicationKeys.CONFIG.name())) {
                    return setting;
                }
            }
        }
        return null;
    }

    private List<Setting> fromFile(Setting configFile) {
        if (configFile != null) {
            Path path;
            try {
                path = ApplicationKeys.CONFIG.parse(
                        configFile.text(), ApplicationKeys.CONFIG.name(), configFile.origin());
            } catch (ConfigValueException e) {
                problems.add(e.getMessage());
                return List.of();
            }
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                problems.add(ApplicationKeys.CONFIG.name() + ": '" + configFile.text()
                        + "' (expected: a readable properties file) [" + configFile.origin() + "]");
                return List.of();
            }
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                return fromProperties(reader, "file " + path.toAbsolutePath());
            } catch (IOException | IllegalArgumentException e) {
                problems.add(ApplicationKeys.CONFIG.name() + ": '" + configFile.text()
                        + "' (expected: a readable properties file; reading failed: " + e.getMessage() + ")");
                return List.of();
            }
        }
        List<URL> found = resources();
        if (found.isEmpty()) {
            return List.of();
        }
        URL url = found.get(0);
        if (found.size() > 1) {
            log.warn(
                    "{} found {} times on the class path; reading {} and ignoring {}",
                    PROPERTIES_RESOURCE,
                    found.size(),
                    url,
                    found.subList(1, found.size()));
        }
        try (InputStream in = url.openStream();
                Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            return fromProperties(reader, PROPERTIES_RESOURCE + " (" + url + ")");
        } catch (IOException | IllegalArgumentException e) {
            problems.add(PROPERTIES_RESOURCE + " (" + url + "): cannot be read: " + e.getMessage());
            return List.of();
        }
    }

    private List<URL> resources() {
        try {
            return Collections.list(classLoader.getResources(PROPERTIES_RESOURCE));
        } catch (IOException e) {
            problems.add(PROPERTIES_RESOURCE + ": cannot list class path resources: " + e.getMessage());
            return List.of();
        }
    }

    private List<Setting> fromProperties(Reader reader, String origin) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        List<Setting> settings = new ArrayList<>();
        new TreeMap<>(properties).forEach((key, text) -> {
            String name = key.toString();
            if (name.equals(ApplicationKeys.CONFIG.name())) {
                problems.add(name + ": set in " + origin
                        + " (expected: only the builder, a system property or COURIER_CONFIG can name the file)");
            } else if (applicationKeys.contains(name)) {
                settings.add(new Setting(name, text.toString(), origin));
            } else if (!name.startsWith(ConfigKey.PREFIX)) {
                problems.add(name + ": unknown key in " + origin + " (expected: keys starting with courier., or an"
                        + " application setting the builder declares"
                        + suggestion(
                                ConfigKeyRegistry.nearest(name, applicationKeys).orElse(null)) + ")");
            } else {
                settings.add(new Setting(name, text.toString(), origin));
            }
        });
        return settings;
    }

    private static String suggestion(String nearest) {
        return ConfigKeyRegistry.didYouMean(Optional.ofNullable(nearest));
    }

    private static String environmentSuggestion(String variable) {
        return ConfigKeyRegistry.nearest(
                        variable,
                        ConfigKeys.all().stream()
                                .map(ConfigKey::environmentName)
                                .toList())
                .orElse(null);
    }
}
