package io.courier.examples.extending;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.filter.FilterChains;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HelloFilterTest {

    @Test
    void theLambdaItBinds_addsTheAttachmentToEveryCall() {
        ServiceDescriptor orders = ServiceDescriptor.of(Orders.class);
        try (SharedObjects shared = new SharedObjects()) {
            ServiceFilterContext context = ServiceFilterContext.builder(
                            Side.CONSUMER, ServiceKey.of(Orders.class), orders)
                    .application("hello")
                    .properties(Map.of())
                    .shared(shared)
                    .build();
            var chain = FilterChains.build(
                    List.of(new HelloFilter()),
                    context,
                    invocation -> CompletableFuture.completedFuture(RpcResult.of(invocation.attachment("hello"))));

            Invocation call =
                    Invocation.of(ServiceKey.of(Orders.class), orders.methods().get(0), new Object[] {"o-1"});

            assertThat(chain.invoke(call).join().value()).isEqualTo("world");
        }
    }
}
