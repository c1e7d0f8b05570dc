package io.courier.bench.harness;

/** A running server of one system. Closing it stops serving and releases its threads and sockets. */
public interface ServerHandle extends AutoCloseable {

    /** The port it listens on. */
    int port();

    @Override
    void close();
}
