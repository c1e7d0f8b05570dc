package io.courier.bench.harness;

import io.courier.bench.courier.CourierUserClient;
import io.courier.bench.courier.CourierUserServer;
import io.courier.bench.dubbo.DubboUserClient;
import io.courier.bench.dubbo.DubboUserServer;
import io.courier.bench.raw.RawRpcClient;
import io.courier.bench.raw.RawRpcServer;
import io.courier.bench.raw.RawUserService;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.UserService;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The systems under test, each with its server, its client and its classpath.
 *
 * <p>Dubbo 3.3 ships its own {@code org.apache.dubbo:hessian-lite} with the same package names as the
 * {@code com.alibaba:hessian-lite} Courier uses; a JVM that holds both would run whichever jar comes first. So each
 * system's JVMs (the server and the JMH client) get a classpath without the other system's jars.
 */
public enum RpcSystem {
    RAW {
        @Override
        ServerHandle serve(UserService service, String host, int port) throws InterruptedException {
            RawRpcServer server = RawRpcServer.start(service, host, port);
            return handle(server.port(), server::close);
        }

        @Override
        ClientHandle connect(String host, int port) throws InterruptedException {
            RawRpcClient client = RawRpcClient.connect(host, port);
            return handle(new RawUserService(client), client::close);
        }
    },
    DUBBO {
        @Override
        ServerHandle serve(UserService service, String host, int port) {
            DubboUserServer server = DubboUserServer.start(service, host, port);
            return handle(server.port(), server::close);
        }

        @Override
        ClientHandle connect(String host, int port) {
            DubboUserClient client = DubboUserClient.connect(host, port);
            return handle(client.service(), client::close);
        }
    },
    COURIER {
        @Override
        ServerHandle serve(UserService service, String host, int port) {
            CourierUserServer server = CourierUserServer.start(service, host, port);
            return handle(server.port(), server::close);
        }

        @Override
        ClientHandle connect(String host, int port) {
            CourierUserClient client = CourierUserClient.connect(host, port);
            return handle(client.service(), client::close);
        }
    };

    /** Path fragments of the jars that only Dubbo's JVMs may load. */
    private static final List<String> DUBBO_ONLY = List.of("/org/apache/dubbo/");

    /** Path fragments of the jars that Dubbo's JVMs must not load. */
    private static final List<String> NOT_FOR_DUBBO = List.of("/com/alibaba/hessian-lite/");

    /**
     * The loopback address this system's server binds to and its clients connect to: {@code 127.0.0.1}, except for
     * Dubbo. Dubbo treats every {@code 127.*} address as "no address configured": its provider then binds
     * {@code 0.0.0.0} and its consumer connects to the machine's first non-loopback address instead
     * ({@code NetUtils.isInvalidLocalHost} / {@code filterLocalHost}). The IPv6 loopback {@code ::1}, which Dubbo leaves
     * alone, keeps its traffic on the loopback device like everyone else's.
     */
    public String loopback() {
        return this == DUBBO ? "::1" : "127.0.0.1";
    }

    /** The name on the command line and in JMH's {@code system} parameter. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The system named {@code id}.
     *
     * @throws IllegalArgumentException naming the known systems
     */
    public static RpcSystem of(String id) {
        for (RpcSystem system : values()) {
            if (system.id().equals(id)) {
                return system;
            }
        }
        throw new IllegalArgumentException("system: " + id + " (expected one of: "
                + Arrays.stream(values()).map(RpcSystem::id).collect(Collectors.joining(", ")) + ")");
    }

    /** Serves the workload's {@link SyntheticUserService} on {@link #loopback()} ({@code port} 0 picks a free one). */
    public ServerHandle serve(int port) throws InterruptedException {
        return serve(new SyntheticUserService(), loopback(), port);
    }

    abstract ServerHandle serve(UserService service, String host, int port) throws InterruptedException;

    /** Connects a client to a server of this system at {@link #loopback()}. */
    public ClientHandle connect(int port) throws InterruptedException {
        return connect(loopback(), port);
    }

    abstract ClientHandle connect(String host, int port) throws InterruptedException;

    /** {@code classpath} without the jars this system's JVMs must not load. */
    public String classpath(String classpath) {
        List<String> excluded = this == DUBBO ? NOT_FOR_DUBBO : DUBBO_ONLY;
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> excluded.stream().noneMatch(fragment -> entry.replace(File.separatorChar, '/')
                        .contains(fragment)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static ServerHandle handle(int port, Runnable close) {
        return new ServerHandle() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    private static ClientHandle handle(UserService service, Runnable close) {
        return new ClientHandle() {
            @Override
            public UserService service() {
                return service;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
