/**
 * The configuration centre: typed configuration documents of an environment, per application and
 * per service, validated before they are written, versioned (diff, history, rollback) and audited;
 * the writer side used by {@code courier-admin} and the console. Consumers read the same documents
 * through their registry ({@code docs/operations.md}).
 */
package io.courier.config;
