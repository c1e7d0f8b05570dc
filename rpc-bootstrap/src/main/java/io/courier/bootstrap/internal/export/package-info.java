/**
 * The provider side of the wiring: which services to export ({@link ExportScanner},
 * {@link ExportPlan}, {@link ExportDefinition}), how each one is served and published
 * ({@link ServiceExporter}, {@link LeaderOnlyService}), and the server they share
 * ({@link ProviderSide}, {@link LocalAddress}). Internal: rpc-bootstrap's own, not API.
 */
package io.courier.bootstrap.internal.export;
