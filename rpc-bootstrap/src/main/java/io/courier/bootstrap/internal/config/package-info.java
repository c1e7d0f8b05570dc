/**
 * The bootstrap's configuration: its keys, by concern ({@link RegistryKeys}, {@link ServerKeys},
 * {@link ClientKeys}, {@link ServiceKeys} and the others, listed by {@link BootstrapKeyCatalog}), where
 * their values come from and in which order ({@link ConfigLoader}, {@link Settings}), and the
 * annotation attributes and per-service overrides they meet ({@link AnnotationOptions}, {@link
 * ServiceOverride}). Internal: applications set these keys by name.
 */
package io.courier.bootstrap.internal.config;
