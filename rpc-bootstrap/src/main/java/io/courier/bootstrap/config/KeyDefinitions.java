package io.courier.bootstrap.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import io.courier.api.registry.RegistryOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of one holder class ({@link ApplicationKeys}, {@link ServerKeys}, ...), in the order it
 * defines them. A holder touches nothing but this list while it is initialised, and
 * {@link BootstrapKeyCatalog} reads every holder, so no order between the holders matters. Also the
 * value types only bootstrap's keys use, built on {@link ValueType#of}.
 */
final class KeyDefinitions {
    private final List<ConfigKey<?>> keys = new ArrayList<>();

    <T> ConfigKey<T> define(String name, ValueType<T> type, T defaultValue, String defaultText, String meaning) {
        return add(ConfigKey.of(name, type, defaultValue, defaultText, meaning));
    }

    /** A key declared elsewhere (a live key of {@link io.courier.api.LiveKeys}), listed here in this place. */
    <T> ConfigKey<T> list(ConfigKey<T> key) {
        return add(key);
    }

    private <T> ConfigKey<T> add(ConfigKey<T> key) {
        keys.add(key);
        return key;
    }

    List<ConfigKey<?>> all() {
        return List.copyOf(keys);
    }

    /** {@code courier://host:port} or {@code grpc://host:port}, several separated by commas; empty for none. */
    static ValueType<DirectUrls> directUrls() {
        return ValueType.of("list", DirectUrls.FORM, text -> text.isEmpty() ? DirectUrls.NONE : DirectUrls.parse(text));
    }

    /** {@code force:<class>}, {@code fail:<class>}, or empty for none. */
    static ValueType<MockSetting> mock() {
        return ValueType.of("string", "force:<class name>, fail:<class name> or empty for none", MockSetting::parse);
    }

    /** A configuration-centre environment name ({@link RegistryOptions#environment()}). */
    static ValueType<String> environmentName() {
        return ValueType.of(
                "string",
                RegistryOptions.ENVIRONMENT_RULE,
                text -> RegistryOptions.isEnvironmentName(text) ? text : null);
    }
}
