package io.courier.examples.extending;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import java.util.ArrayList;
import java.util.List;

/** The applications one test started, closed in reverse order when it ends. */
final class Applications implements AutoCloseable {

    private final List<Courier> started = new ArrayList<>();

    /** A builder on 127.0.0.1 and a free port, with no shutdown hook. */
    static CourierBuilder builder(String application) {
        return Courier.builder()
                .application(application)
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false);
    }

    Courier start(CourierBuilder builder) {
        Courier courier = builder.start();
        started.add(courier);
        return courier;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
