package io.courier.bench.dubbo;

import io.courier.bench.workload.UserService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/** A Dubbo provider of {@link UserService}, with its own {@link DubboBootstrap} instance. */
public final class DubboUserServer implements AutoCloseable {

    private final DubboBootstrap bootstrap;
    private final int port;

    private DubboUserServer(DubboBootstrap bootstrap, int port) {
        this.bootstrap = bootstrap;
        this.port = port;
    }

    /**
     * Exports {@code service} on {@code host:port}; port 0 picks a free one.
     *
     * @throws IllegalArgumentException if {@code host} is one Dubbo would replace (see {@link DubboSettings#checkHost})
     */
    public static DubboUserServer start(UserService service, String host, int port) {
        DubboSettings.checkHost(host);
        int bound = port == 0 ? freePort(host) : port;
        ProtocolConfig protocol = new ProtocolConfig(DubboSettings.PROTOCOL, bound);
        protocol.setHost(host);
        protocol.setSerialization(DubboSettings.SERIALIZATION);
        protocol.setPreferSerialization(DubboSettings.SERIALIZATION);

        ServiceConfig<UserService> config = new ServiceConfig<>();
        config.setInterface(UserService.class);
        config.setRef(service);

        DubboBootstrap bootstrap = DubboBootstrap.newInstance();
        try {
            bootstrap
                    .application(DubboSettings.application("courier-bench-dubbo-provider"))
                    .registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE))
                    .protocol(protocol)
                    .service(config)
                    .start();
        } catch (RuntimeException e) {
            bootstrap.destroy();
            throw e;
        }
        return new DubboUserServer(bootstrap, bound);
    }

    /**
     * A port that was free a moment ago. Dubbo cannot report the port it picked for port 0 through its public API,
     * so the choice is made here; a race with another process binding the same port fails the start loudly.
     */
    private static int freePort(String host) {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        bootstrap.destroy();
    }
}
