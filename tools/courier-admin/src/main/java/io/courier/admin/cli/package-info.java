/**
 * {@code courier-admin}: a command-line client of the configuration centre and the registry
 * ({@code config get|set|diff|history|rollback}, {@code services}, {@code providers}, {@code offline|online}).
 */
package io.courier.admin.cli;
