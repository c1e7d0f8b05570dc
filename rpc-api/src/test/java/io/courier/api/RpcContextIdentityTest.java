package io.courier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who the caller is, as {@link RpcContext} tells filters and implementations. */
class RpcContextIdentityTest {

    private static final Identity CERTIFICATE = new Identity(
            Identity.Kind.CERTIFICATE, "CN=orders", "CN=ca", Set.of(), Set.of(), Set.of("CN=orders"), Map.of());
    private static final Identity TOKEN = Identity.ofToken(
            "orders-client", "https://idp", Set.of("orders.read"), Set.of(), Map.of("sub", "orders-client"));

    @Test
    void outsideARequest_thereIsNoIdentity_andNoneCanBeSet() {
        assertThat(RpcContext.current().identity()).isEmpty();
        assertThatThrownBy(() -> RpcContext.current().authenticate(TOKEN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("authenticate(Identity[TOKEN orders-client]): this thread serves no request");
    }

    @Test
    void whileServing_aVerifiedTokenWinsOverTheCertificate_whichStaysAvailable() {
        try (RpcContext.Scope scope = RpcContext.serve(Map.of(), null, CERTIFICATE)) {
            assertThat(RpcContext.current().identity()).contains(CERTIFICATE);

            RpcContext.current().authenticate(TOKEN);

            assertThat(RpcContext.current().identity()).contains(TOKEN);
            assertThat(RpcContext.current().peerIdentity()).contains(CERTIFICATE);
        }
        assertThat(RpcContext.current().identity()).isEmpty();
    }

    @Test
    void identityPrintsKindAndSubjectOnly() {
        assertThat(TOKEN).hasToString("Identity[TOKEN orders-client]");
    }
}
