/**
 * The provider side of the wiring: which services to export ({@link ExportScanner},
 * {@link ExportPlan}, {@link ExportDefinition}) and how each one is served and published
 * ({@link ServiceExporter}); the server they share is {@code internal.provider}'s. Internal:
 * rpc-bootstrap's own, not API.
 */
package io.courier.bootstrap.internal.export;
