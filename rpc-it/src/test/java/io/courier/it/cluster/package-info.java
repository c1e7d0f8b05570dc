/**
 * The cluster layer's fault-tolerance scenarios ({@code rpc-cluster}'s test-jar) over real sockets:
 * providers served by Courier's transport on 127.0.0.1, called through its client with real
 * serializers, and killed, refusing, hanging or timing out on demand.
 */
package io.courier.it.cluster;
