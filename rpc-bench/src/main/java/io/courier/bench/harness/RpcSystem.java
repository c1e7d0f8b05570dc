package io.courier.bench.harness;

import io.courier.bench.courier.CourierUserClient;
import io.courier.bench.courier.CourierUserServer;
import io.courier.bench.dubbo.DubboUserClient;
import io.courier.bench.dubbo.DubboUserServer;
import io.courier.bench.grpc.CourierGrpcUserServer;
import io.courier.bench.grpc.GrpcUserClient;
import io.courier.bench.grpc.GrpcUserServer;
import io.courier.bench.raw.RawRpcClient;
import io.courier.bench.raw.RawRpcServer;
import io.courier.bench.raw.RawUserService;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.UserService;
import io.courier.grpc.GrpcKeys;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The systems under test, each with its server, its client and its classpath.
 *
 * <p>Dubbo 3.3 ships its own {@code org.apache.dubbo:hessian-lite} with the same package names as the
 * {@code com.alibaba:hessian-lite} Courier uses; a JVM that holds both would run whichever jar comes first. So each
 * system's JVMs (the server and the JMH client) get a classpath without the other system's jars. gRPC's jars
 * likewise reach only gRPC's JVMs, so that no other system runs with them present (Dubbo, for one, picks its JSON
 * library by what it finds on the classpath), and gRPC's JVMs run without Dubbo's.
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
    },
    /**
     * Courier with the {@code protostuff} serializer named on both sides, everything else default (the
     * {@code courier} system writes what the default {@code auto} chooses: fory for this service).
     */
    COURIER_PROTOSTUFF {
        @Override
        ServerHandle serve(UserService service, String host, int port) {
            CourierUserServer server = CourierUserServer.start(service, host, port, "protostuff");
            return handle(server.port(), server::close);
        }

        @Override
        ClientHandle connect(String host, int port) {
            CourierUserClient client = CourierUserClient.connect(host, port, "protostuff");
            return handle(client.service(), client::close);
        }
    },
    /**
     * The {@code courier} system with gRPC switched off on the provider's port ({@code courier.grpc.enabled=false}),
     * everything else the same: against {@code courier}, which serves gRPC beside Courier's protocol on its port as
     * every application with rpc-grpc on its class path does, it shows what gRPC on the port costs Courier's own
     * calls.
     */
    COURIER_NOGRPC {
        @Override
        ServerHandle serve(UserService service, String host, int port) {
            CourierUserServer server =
                    CourierUserServer.start(service, host, port, null, Map.of(GrpcKeys.ENABLED.name(), "false"));
            return handle(server.port(), server::close);
        }

        @Override
        ClientHandle connect(String host, int port) throws InterruptedException {
            return COURIER.connect(host, port);
        }
    },
    GRPC {
        @Override
        ServerHandle serve(UserService service, String host, int port) {
            GrpcUserServer server = GrpcUserServer.start(service, host, port);
            return handle(server.port(), server::close);
        }

        @Override
        ClientHandle connect(String host, int port) {
            GrpcUserClient client = GrpcUserClient.connect(host, port);
            return handle(client.service(), client::close);
        }
    },
    /**
     * Dubbo's client (the {@code dubbo} system's, unchanged, hessian2) calling a Courier provider (the {@code courier}
     * system's server, unchanged) over Dubbo's {@code dubbo} protocol, which rpc-dubbo serves on Courier's port: what a
     * Dubbo estate's consumers get from a service moved to Courier. Its server and its client run on different class
     * paths ({@link #serverClasspath}, {@link #clientClasspath}), each without the other's hessian-lite.
     */
    COURIER_DUBBO {
        @Override
        ServerHandle serve(UserService service, String host, int port) throws InterruptedException {
            return COURIER.serve(service, host, port);
        }

        @Override
        ClientHandle connect(String host, int port) throws InterruptedException {
            return DUBBO.connect(host, port);
        }
    },
    /**
     * gRPC-java's client (the {@code grpc} system's, unchanged) calling a Courier provider's gRPC endpoint
     * (rpc-grpc, on Courier's port): what a team's gRPC callers get from a Courier service.
     */
    COURIER_GRPC {
        @Override
        ServerHandle serve(UserService service, String host, int port) {
            CourierGrpcUserServer server = CourierGrpcUserServer.start(service, host, port);
            return handle(server.port(), server::close);
        }

        @Override
        ClientHandle connect(String host, int port) {
            GrpcUserClient client = GrpcUserClient.connect(host, port);
            return handle(client.service(), client::close);
        }
    };

    /** Path fragments of the jars that only Dubbo's JVMs may load. */
    private static final List<String> DUBBO_ONLY = List.of("/org/apache/dubbo/");

    /** Path fragments of the jars that Dubbo's JVMs must not load. */
    private static final List<String> NOT_FOR_DUBBO = List.of("/com/alibaba/hessian-lite/");

    /**
     * Path fragments of the jars that only gRPC's JVMs may load: gRPC 1.85's own and those of its runtime
     * dependencies that nothing else in rpc-bench brings (guava comes with Curator too, protobuf-java with Dubbo).
     */
    private static final List<String> GRPC_ONLY = List.of(
            "/io/grpc/",
            "/io/perfmark/",
            "/com/google/api/grpc/",
            "/com/google/code/gson/",
            "/com/google/android/annotations/",
            "/org/codehaus/mojo/animal-sniffer-annotations/");

    /**
     * The loopback address this system's server binds to and its clients connect to: {@code 127.0.0.1}, except for
     * Dubbo. Dubbo treats every {@code 127.*} address as "no address configured": its provider then binds
     * {@code 0.0.0.0} and its consumer connects to the machine's first non-loopback address instead
     * ({@code NetUtils.isInvalidLocalHost} / {@code filterLocalHost}). The IPv6 loopback {@code ::1}, which Dubbo leaves
     * alone, keeps its traffic on the loopback device like everyone else's; so too for Dubbo's client of Courier.
     */
    public String loopback() {
        return this == DUBBO || this == COURIER_DUBBO ? "::1" : "127.0.0.1";
    }

    /** The name on the command line and in JMH's {@code system} parameter ({@code courier-protostuff} for COURIER_PROTOSTUFF). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
        return without(classpath, excluded());
    }

    /** The class path of this system's server JVM: {@link #classpath}, but Courier's alone for {@code courier-dubbo}. */
    public String serverClasspath(String classpath) {
        return this == COURIER_DUBBO ? without(classpath, concat(DUBBO_ONLY, GRPC_ONLY)) : classpath(classpath);
    }

    /** The class path of this system's client JVM: {@link #classpath}, but Dubbo's alone for {@code courier-dubbo}. */
    public String clientClasspath(String classpath) {
        return this == COURIER_DUBBO ? without(classpath, concat(NOT_FOR_DUBBO, GRPC_ONLY)) : classpath(classpath);
    }

    private static String without(String classpath, List<String> excluded) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> excluded.stream().noneMatch(fragment -> entry.replace(File.separatorChar, '/')
                        .contains(fragment)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private List<String> excluded() {
        return switch (this) {
            case DUBBO -> concat(NOT_FOR_DUBBO, GRPC_ONLY);
            case COURIER_DUBBO -> throw new IllegalStateException("courier-dubbo has a server and a client class path");
            case GRPC, COURIER_GRPC -> DUBBO_ONLY;
            case RAW, COURIER, COURIER_PROTOSTUFF, COURIER_NOGRPC -> concat(DUBBO_ONLY, GRPC_ONLY);
        };
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
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
