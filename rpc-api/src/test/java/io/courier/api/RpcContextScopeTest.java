package io.courier.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How {@link RpcContext#serve} scopes install and restore a thread's context. */
class RpcContextScopeTest {

    @Test
    void nestedScopes_restoreTheContextEachFound_andTheThreadKeepsItsOwnAttachments() {
        RpcContext own = RpcContext.current();
        own.setAttachment("tenant", "blue");
        try {
            try (RpcContext.Scope outer = RpcContext.serve(Map.of("k", "outer"), Endpoint.of("127.0.0.1", 1))) {
                RpcContext outerContext = RpcContext.current();
                assertThat(outerContext.requestAttachments()).containsEntry("k", "outer");
                assertThat(outerContext.outgoingAttachments()).isEmpty();
                try (RpcContext.Scope inner = RpcContext.serve(Map.of("k", "inner"), Endpoint.of("127.0.0.1", 2))) {
                    assertThat(RpcContext.current().requestAttachments()).containsEntry("k", "inner");
                    assertThat(RpcContext.current().remoteEndpoint()).isEqualTo(Endpoint.of("127.0.0.1", 2));
                }
                assertThat(RpcContext.current()).isSameAs(outerContext);
            }
            assertThat(RpcContext.current()).isSameAs(own);
            assertThat(RpcContext.current().outgoingAttachments()).containsEntry("tenant", "blue");
            assertThat(RpcContext.current().requestAttachments()).isEmpty();
        } finally {
            own.clearAttachments();
        }
    }

    @Test
    void closingTwice_leavesTheFoundContextInPlace() {
        RpcContext own = RpcContext.current();
        RpcContext.Scope scope = RpcContext.serve(Map.of(), null);

        scope.close();
        scope.close();

        assertThat(RpcContext.current()).isSameAs(own);
    }

    @Test
    void eachThread_hasAContextOfItsOwn() throws InterruptedException {
        AtomicReference<RpcContext> seenElsewhere = new AtomicReference<>();
        try (RpcContext.Scope scope = RpcContext.serve(Map.of("k", "here"), null)) {
            Thread other = new Thread(() -> seenElsewhere.set(RpcContext.current()), "context-probe");
            other.start();
            other.join(10_000);
            assertThat(seenElsewhere.get()).isNotNull();
            assertThat(seenElsewhere.get()).isNotSameAs(RpcContext.current());
            assertThat(seenElsewhere.get().requestAttachments()).isEmpty();
        }
    }
}
