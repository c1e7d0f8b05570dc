package io.courier.transport;

import static io.courier.transport.Calls.boom;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.later;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.Serializers;
import io.courier.spi.ExtensionLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport with the serializers Courier ships and the strict allow-list, end to end. */
@Timeout(30)
class RealSerializersTest {

    private final TestProvider provider = new TestProvider();
    private final ClassAllowList policy = ClassAllowList.of(TestProvider.DESCRIPTOR, ProtocolOptions.defaults());
    private final Serializers installed = Serializers.installed();
    private TransportServer server;
    private TransportClient client;

    @BeforeEach
    void start() {
        ServiceTable services = new ServiceTable();
        services.add(new ServiceExport(
                TestProvider.KEY, TestProvider.DESCRIPTOR, provider, installed.all(), policy, ExecutorKind.POOL));
        server = TransportServer.start(Calls.ANY_PORT, Calls.options().build(), installed, services);
        client = TransportClient.create(Calls.options().build(), installed);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        provider.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"protostuff", "hessian"})
    void calls_roundTripWithTheShippedSerializers(String name) throws Exception {
        Serializer serializer = ExtensionLoader.of(Serializer.class).get(name);
        Invoker invoker =
                client.invoker(Endpoint.of("127.0.0.1", server.port()), CallOptions.of(serializer, policy, 5_000));

        assertThat(value(invoker.invoke(echo(new byte[] {4, 5, 6})), 5)).isEqualTo(new byte[] {4, 5, 6});
        assertThat(value(invoker.invoke(later("żółw", 1)), 5)).isEqualTo("żółw");
        RpcResult failed = invoker.invoke(boom("bad input")).get(5, TimeUnit.SECONDS);
        assertThat(failed.exception()).hasMessageContaining("bad input");
    }
}
