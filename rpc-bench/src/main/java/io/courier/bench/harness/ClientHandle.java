package io.courier.bench.harness;

import io.courier.bench.workload.UserService;

/** A connected client of one system. Closing it releases its connections and threads. */
public interface ClientHandle extends AutoCloseable {

    /** The remote service; thread-safe, shared by all benchmark threads. */
    UserService service();

    @Override
    void close();
}
