package io.courier.transport;

/**
 * The peers of most transport tests: a {@link TestProvider} exported by one {@link TransportServer}
 * on 127.0.0.1 and called through one {@link TransportClient}. A test holds it in an
 * {@code @AutoClose} field; closing stops the client, then the server, then the provider.
 */
final class Peers implements AutoCloseable {

    final TestProvider provider = new TestProvider();
    final TransportServer server;
    final TransportClient client;

    Peers(TransportOptions serverOptions, ExecutorKind executor) {
        this(serverOptions, executor, Calls.options().build());
    }

    Peers(TransportOptions serverOptions, ExecutorKind executor, TransportOptions clientOptions) {
        this.server = Calls.server(serverOptions, provider.export(executor));
        this.client = Calls.client(clientOptions);
    }

    @Override
    public void close() {
        client.close();
        server.close();
        provider.close();
    }
}
