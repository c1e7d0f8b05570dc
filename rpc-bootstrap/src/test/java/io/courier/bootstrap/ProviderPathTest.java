package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.fixtures.path.MethodStackProbe;
import io.courier.bootstrap.fixtures.path.RecordingStackProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pins the provider's call path, as docs/architecture.md draws it: the stack at the service method
 * of a synchronous call, on the pool and, once the adaptive pool has moved the method there, on the
 * IO thread (the path of {@code executor = direct} too). Fails when a wiring class (this module) is
 * on the path, when a module appears twice (control passed back, as it was between transport and
 * protocol when the request's service was resolved twice), or when the path grows deeper.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProviderPathTest {

    /**
     * Courier frames between the thread's entry and the service method: the pool's worker (or, on
     * the IO thread, the transport's inbound handlers), the request task, two per filter of the
     * chain and one for its exit, the dispatcher. Measured: 7 on the pool and 9 on the IO thread with
     * the default provider filters (deadline; tracing stays out of the chain without an OpenTelemetry
     * SDK, and adds two frames with one).
     */
    private static final int MAX_COURIER_FRAMES = 15;

    private final List<Courier> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void syncCall_onThePool_crossesTransportFiltersAndDispatcherOnly() {
        List<String> path = courierFrames(probe("pool").stack());

        assertThat(path).noneMatch(frame -> frame.startsWith("io.courier.bootstrap."));
        assertThat(path).noneMatch(frame -> frame.startsWith("io.courier.protocol."));
        assertThat(path).contains("io.courier.transport.internal.server.RequestTask#run");
        assertThat(modulesInOrder(path)).containsExactly("proxy", "filter", "transport");
        assertThat(path).as(String.join("\n", path)).hasSizeLessThanOrEqualTo(MAX_COURIER_FRAMES);
    }

    @Test
    void syncCall_onTheIoThread_isTheSamePathUnderTheTransportHandler() {
        // executor = direct runs every call where the adaptive pool runs the calls of a fast method.
        List<String> path = courierFrames(probe("direct").stack());

        assertThat(path).noneMatch(frame -> frame.startsWith("io.courier.bootstrap."));
        // The frame decoder has returned before Netty hands its frames on: no protocol frame below.
        assertThat(modulesInOrder(path)).containsExactly("proxy", "filter", "transport");
        assertThat(path).contains("io.courier.transport.internal.server.ServerHandler#channelRead");
        assertThat(path).as(String.join("\n", path)).hasSizeLessThanOrEqualTo(MAX_COURIER_FRAMES);
    }

    private MethodStackProbe probe(String executor) {
        Courier provider = start(Environments.builder()
                .property("courier.provider.executor", executor)
                .export(new RecordingStackProbe()));
        Courier consumer = start(Environments.builder());
        return consumer.reference(
                MethodStackProbe.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                        .build());
    }

    private Courier start(CourierBuilder builder) {
        Courier courier = builder.start();
        started.add(courier);
        return courier;
    }

    /** The Courier frames of a stack, innermost first, without the probe's own fixture frames. */
    private static List<String> courierFrames(String stack) {
        return Arrays.stream(stack.split("\n"))
                .filter(frame -> frame.startsWith("io.courier.") && !frame.startsWith("io.courier.bootstrap.fixtures."))
                .toList();
    }

    /**
     * The modules of a path, innermost first, one entry per run of frames of the same module: a
     * module that appears twice had control passed back to it.
     */
    private static List<String> modulesInOrder(List<String> path) {
        List<String> modules = new ArrayList<>();
        for (String frame : path) {
            String module = frame.substring("io.courier.".length(), frame.indexOf('.', "io.courier.".length()));
            if (modules.isEmpty() || !modules.get(modules.size() - 1).equals(module)) {
                modules.add(module);
            }
        }
        return modules;
    }
}
