/**
 * rpc-bootstrap's configuration keys, by concern ({@link io.courier.bootstrap.config.RegistryKeys},
 * {@link io.courier.bootstrap.config.ServerKeys}, {@link io.courier.bootstrap.config.ServiceKeys} and the
 * others, listed by {@link io.courier.bootstrap.config.BootstrapKeyCatalog}): the one place a user or
 * another module finds a key's name, type and default ({@code RegistryKeys.ROOT.name()}), as
 * {@code docs/configuration.md} lists them.
 */
package io.courier.bootstrap.config;
