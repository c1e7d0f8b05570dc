package io.courier.transport;

import static io.courier.transport.Calls.boom;
import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcContext;
import io.courier.api.RpcResult;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Response attachments over Courier's protocol: those the provider's code set while serving
 * ({@link RpcContext#setResponseAttachment}) and those a filter put on the result both reach the
 * consumer as the result's attachments.
 */
@Timeout(30)
class ResponseAttachmentsTest {

    private final TestProvider provider = new TestProvider();
    private TransportServer server;
    private TransportClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        provider.close();
    }

    /** What a provider filter does: sets one attachment before the call proceeds and adds one to the result. */
    private CompletableFuture<RpcResult> decorated(Invocation invocation) {
        String early = invocation.attachments().get("early");
        if (early != null) {
            RpcContext.current().setResponseAttachment("early", early);
            RpcContext.current().setResponseAttachment("overridden", "by the context");
        }
        return provider.invoke(invocation).thenApply(result -> {
            if (early == null) {
                return result;
            }
            Map<String, String> late = new HashMap<>(result.attachments());
            late.put("late", "on the result");
            late.put("overridden", "by the result");
            return result.hasException()
                    ? RpcResult.ofException(result.exception(), late)
                    : RpcResult.of(result.value(), late);
        });
    }

    private Invoker serve() {
        server = Calls.server(
                Calls.options().build(),
                new ServiceExport(
                        TestProvider.KEY,
                        TestProvider.DESCRIPTOR,
                        this::decorated,
                        List.of(TestSerializer.INSTANCE),
                        OpenPolicy.INSTANCE,
                        ExecutorKind.POOL));
        client = Calls.client(Calls.options().build());
        return client.invoker(endpoint(server), callOptions(5_000));
    }

    @Test
    void attachmentsSetWhileServing_andOnTheResult_reachTheConsumer_theResultWinningATie() throws Exception {
        Invoker invoker = serve();

        RpcResult answer = invoker.invoke(echo(new byte[] {7}).withAttachments(Map.of("early", "e1")))
                .get(5, TimeUnit.SECONDS);

        assertThat(answer.value()).isEqualTo(new byte[] {7});
        assertThat(answer.attachments())
                .containsEntry("early", "e1")
                .containsEntry("late", "on the result")
                .containsEntry("overridden", "by the result");
    }

    @Test
    void aBusinessException_carriesTheAttachmentsToo() throws Exception {
        Invoker invoker = serve();

        RpcResult answer = invoker.invoke(boom("no").withAttachments(Map.of("early", "e2")))
                .get(5, TimeUnit.SECONDS);

        assertThat(answer.hasException()).isTrue();
        assertThat(answer.attachments()).containsEntry("early", "e2").containsEntry("late", "on the result");
    }

    @Test
    void aCallThatSetsNone_answersWithoutAttachments() throws Exception {
        Invoker invoker = serve();

        RpcResult answer = invoker.invoke(echo(new byte[] {1})).get(5, TimeUnit.SECONDS);

        assertThat(answer.attachments()).isEmpty();
    }
}
