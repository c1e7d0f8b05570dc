package io.courier.bench.dubbo;

import io.courier.bench.workload.UserService;
import java.util.Map;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * A Dubbo consumer of {@link UserService} connected straight to one provider URL, with its own {@link DubboBootstrap}
 * instance. Dubbo shares one connection per provider among all references by default, so every thread of a benchmark
 * multiplexes one connection, as with the other systems.
 */
public final class DubboUserClient implements AutoCloseable {

    private final DubboBootstrap bootstrap;
    private final UserService service;

    private DubboUserClient(DubboBootstrap bootstrap, UserService service) {
        this.bootstrap = bootstrap;
        this.service = service;
    }

    /**
     * Connects to the provider at {@code host:port}.
     *
     * @throws IllegalArgumentException if {@code host} is one Dubbo would replace (see {@link DubboSettings#checkHost})
     */
    public static DubboUserClient connect(String host, int port) {
        ReferenceConfig<UserService> reference = new ReferenceConfig<>();
        reference.setInterface(UserService.class);
        reference.setUrl(
                DubboSettings.PROTOCOL + "://" + DubboSettings.urlHost(DubboSettings.checkHost(host)) + ":" + port);
        reference.setParameters(Map.of("serialization", DubboSettings.SERIALIZATION));
        reference.setCheck(true);
        reference.setTimeout(5_000);

        DubboBootstrap bootstrap = DubboBootstrap.newInstance();
        try {
            bootstrap
                    .application(DubboSettings.application("courier-bench-dubbo-consumer"))
                    .reference(reference)
                    .start();
            return new DubboUserClient(bootstrap, reference.get());
        } catch (RuntimeException e) {
            bootstrap.destroy();
            throw e;
        }
    }

    public UserService service() {
        return service;
    }

    @Override
    public void close() {
        bootstrap.destroy();
    }
}
