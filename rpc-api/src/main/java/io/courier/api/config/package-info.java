/**
 * The one configuration model: every {@code courier.*} key any module reads is a typed
 * {@link io.courier.api.config.ConfigKey}, declared by the module that owns it in a
 * {@link io.courier.api.config.ConfigKeyCatalog} and indexed by the
 * {@link io.courier.api.config.ConfigKeyRegistry}. Text becomes a value through the key's
 * {@link io.courier.api.config.ValueType}, and a bad value fails with one
 * {@link io.courier.api.config.ConfigValueException} format: key, value, expectation, origin.
 * {@code docs/configuration.md} and the Spring Boot metadata are generated from the registry.
 */
package io.courier.api.config;
