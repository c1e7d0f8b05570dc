package io.courier.bootstrap;

import io.courier.api.Endpoint;
import io.courier.api.RegistryOptions;
import io.courier.api.config.ValueType;
import java.util.List;

/** The value types only bootstrap's keys use, built on {@link ValueType#of}. */
final class BootstrapTypes {

    private BootstrapTypes() {}

    /** {@code courier://host:port}, several separated by commas; empty for none. */
    static ValueType<List<Endpoint>> directUrls() {
        return ValueType.of(
                "list",
                "courier://host:port, several separated by commas",
                text -> text.isEmpty() ? List.of() : AnnotationOptions.parseUrls(text));
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
