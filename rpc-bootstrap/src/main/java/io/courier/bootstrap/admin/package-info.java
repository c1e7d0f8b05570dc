/**
 * The admin endpoint of one application: health probes, its services, references and effective
 * configuration, the operator's offline and online switches, and its Prometheus metrics, on one
 * HTTP port of the JDK's own server (see {@code docs/operations.md}).
 */
package io.courier.bootstrap.admin;
