/**
 * The entry point: {@link io.courier.bootstrap.Courier} and its builder and options, what users
 * name, and the configuration (keys, value types, loading). The wiring behind it lives in
 * sub-packages by job, each rpc-bootstrap's own: {@code internal.export} (the provider side),
 * {@code internal.refer} (the consumer side), {@code internal.registry}, {@code internal.lifecycle},
 * {@code internal.settings} and {@code internal.status}; the application's state for users is in
 * {@code status}, the admin endpoint in {@code admin}.
 */
package io.courier.bootstrap;
