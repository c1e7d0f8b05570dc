package io.courier.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reachability from the transport's open connections and the outcome of calls. */
class ReachabilityTest {

    private static final Endpoint PROVIDER = Endpoint.of("127.0.0.1", 20880);

    private final Map<Endpoint, Integer> open = new ConcurrentHashMap<>();
    private final Reachability reachability = new Reachability();

    @BeforeEach
    void countConnections() {
        reachability.connections(endpoint -> open.getOrDefault(endpoint, 0));
    }

    @Test
    void anEndpointTheTransportFailedToConnect_isUnreachable_withoutAnyCall() {
        Map<Endpoint, Boolean> transport = new ConcurrentHashMap<>();
        reachability.transport(endpoint -> transport.getOrDefault(endpoint, true));
        assertThat(reachability.reachable(PROVIDER)).isTrue();

        transport.put(PROVIDER, false); // a stale registration: its background connect was refused

        assertThat(reachability.reachable(PROVIDER)).isFalse();
        open.put(PROVIDER, 1);
        assertThat(reachability.reachable(PROVIDER)).isTrue();
    }

    @Test
    void anEndpointNeverCalled_isReachable() {
        assertThat(reachability.reachable(PROVIDER)).isTrue();
    }

    @Test
    void anEndpointWithAnOpenConnection_isReachable_evenAfterAFailedCall() {
        reachability.record(PROVIDER, new RpcException(ErrorCode.NETWORK, "one connection lost"));
        open.put(PROVIDER, 1);

        assertThat(reachability.reachable(PROVIDER)).isTrue();
    }

    @Test
    void anEndpointCalledSuccessfully_isUnreachableOnceItsConnectionsAreGone() {
        open.put(PROVIDER, 1);
        reachability.record(PROVIDER, null);
        assertThat(reachability.reachable(PROVIDER)).isTrue();

        open.put(PROVIDER, 0); // the provider died: heartbeats closed the connection

        assertThat(reachability.reachable(PROVIDER)).isFalse();
    }

    @Test
    void aConnectFailure_makesItUnreachable_untilACallSucceeds() {
        reachability.record(PROVIDER, new CompletionException(new RpcException(ErrorCode.CONNECT_FAILED, "refused")));
        assertThat(reachability.reachable(PROVIDER)).isFalse();

        open.put(PROVIDER, 1);
        reachability.record(PROVIDER, null);

        assertThat(reachability.reachable(PROVIDER)).isTrue();
    }

    @Test
    void aFailureThatSaysNothingAboutTheConnection_changesNothing() {
        reachability.record(PROVIDER, new RpcException(ErrorCode.TIMEOUT, "slow"));

        assertThat(reachability.reachable(PROVIDER)).isTrue();
    }

    @Test
    void aForgottenEndpoint_isUnknownAgain() {
        reachability.record(PROVIDER, null);
        assertThat(reachability.reachable(PROVIDER)).isFalse();

        reachability.forget(PROVIDER);

        assertThat(reachability.reachable(PROVIDER)).isTrue();
    }
}
