package io.courier.bench.thrift;

import io.courier.bench.harness.BenchServer;
import io.courier.bench.harness.ServerHandle;
import io.courier.bootstrap.Courier;

/**
 * The server process of one side of {@link ThriftComparison}: {@code ThriftServerMain courier|libthrift} serves
 * {@link SyntheticThriftUsers} on a free 127.0.0.1 port and announces it as {@link BenchServer} does. {@code courier}
 * is a Courier provider with its defaults (its port serves Thrift beside Courier's protocol); {@code libthrift} is
 * {@link LibthriftServer}.
 */
public final class ThriftServerMain {

    static final String COURIER = "courier";
    static final String LIBTHRIFT = "libthrift";

    private ThriftServerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(COURIER.equals(args[0]) || LIBTHRIFT.equals(args[0]))) {
            throw new IllegalArgumentException(
                    "arguments: " + String.join(" ", args) + " (expected: " + COURIER + " or " + LIBTHRIFT + ")");
        }
        BenchServer.serve(args[0], start(args[0]));
    }

    static ServerHandle start(String side) throws Exception {
        SyntheticThriftUsers users = new SyntheticThriftUsers();
        if (LIBTHRIFT.equals(side)) {
            return new LibthriftServer(users, "127.0.0.1", 0);
        }
        Courier courier = Courier.builder()
                .application("courier-bench-thrift")
                .host("127.0.0.1")
                .port(0)
                // the harness stops the server; a second hook would race it at exit
                .shutdownHook(false)
                .export(users)
                .start();
        return new ServerHandle() {
            @Override
            public int port() {
                return courier.port();
            }

            @Override
            public void close() {
                courier.close();
            }
        };
    }
}
