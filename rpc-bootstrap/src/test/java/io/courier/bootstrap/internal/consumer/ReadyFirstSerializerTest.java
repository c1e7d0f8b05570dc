package io.courier.bootstrap.internal.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.Serializer;
import io.courier.bootstrap.fixtures.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** An endpoint's calls go in the other serializer until the preferred one is ready, then in it for good. */
class ReadyFirstSerializerTest {

    @Test
    void callsGoMeanwhileUntilReady_thenPreferredForGood() {
        List<String> sent = new ArrayList<>();
        AtomicBoolean ready = new AtomicBoolean();
        Serializer preferred = new Serializer() {
            @Override
            public byte id() {
                return 4;
            }

            @Override
            public boolean ready() {
                return ready.get();
            }
        };
        ReadyFirstSerializer invoker =
                new ReadyFirstSerializer(recording("fory", sent), recording("protostuff", sent), preferred);
        Invocation call = Invocation.of(
                ServiceKey.of(Catalog.class),
                ServiceDescriptor.of(Catalog.class).methods().get(0),
                new Object[] {1L});

        invoker.invoke(call);
        invoker.invoke(call);
        ready.set(true);
        invoker.invoke(call);
        ready.set(false); // never happens to a real serializer; shows the switch is one-way
        invoker.invoke(call);

        assertThat(sent).containsExactly("protostuff", "protostuff", "fory", "fory");
    }

    private static Invoker recording(String name, List<String> sent) {
        return invocation -> {
            sent.add(name);
            return CompletableFuture.completedFuture(RpcResult.of(null));
        };
    }
}
