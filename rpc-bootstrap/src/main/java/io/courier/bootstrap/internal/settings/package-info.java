/**
 * The configuration read into the options of the modules below: transport, TLS, cluster, circuit
 * breakers, serializers and class allow-lists. Each class turns {@code Settings} into one module's
 * option records and reports a bad value with its key. Internal: rpc-bootstrap's own, not API.
 */
package io.courier.bootstrap.internal.settings;
