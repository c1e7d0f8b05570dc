package io.courier.api.config;

import java.util.Map;
import java.util.Properties;

/**
 * How a runnable tool (the gateway, the console) reads its own keys: a command-line option, else the
 * system property, else the environment variable, else the key's default; every value parsed by the
 * key's type, so a bad one is reported in the one format of {@link ConfigValueException}. The same order
 * as an application's configuration (code, then system properties, then the environment), with the
 * command line standing for code.
 *
 * @param options values given on the command line, by full key name ({@code --port 8090} of the console is
 *     {@code courier.console.port})
 * @param system the JVM's system properties
 * @param environment the process environment
 */
public record CommandLineSettings(Map<String, String> options, Properties system, Map<String, String> environment) {

    public CommandLineSettings {
        options = Map.copyOf(options);
        environment = Map.copyOf(environment);
    }

    /** This JVM's system properties and environment, with {@code options} from its command line. */
    public static CommandLineSettings ofThisProcess(Map<String, String> options) {
        return new CommandLineSettings(options, System.getProperties(), System.getenv());
    }

    /**
     * The value of {@code key}.
     *
     * @throws ConfigValueException naming the key, the value and where it was set
     */
    public <T> T read(ConfigKey<T> key) {
        String text = options.get(key.name());
        if (text != null) {
            return key.parse(text, key.name(), "command line");
        }
        text = system.getProperty(key.name());
        if (text != null) {
            return key.parse(text, key.name(), "system property");
        }
        text = environment.get(key.environmentName());
        if (text != null) {
            return key.parse(text, key.name(), "environment variable " + key.environmentName());
        }
        return key.defaultValue();
    }
}
