package io.courier.bootstrap.internal.export;

import io.courier.api.ServiceOptions;

/**
 * An implementation added with {@code CourierBuilder.export}, with its explicit options or {@code null}.
 *
 * @param implementation the service's implementation
 * @param options the options given with it, or {@code null} for the configured ones
 */
public record PendingExport(Object implementation, ServiceOptions options) {}
