package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.greeting.CountingGreeter;
import io.courier.bootstrap.fixtures.refusals.CountingUploads;
import io.courier.bootstrap.fixtures.refusals.Uploads;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Refusals that no retry can fix, between applications in this JVM over real sockets on 127.0.0.1:
 * they reach the caller as what they are, not executed, and are not tried again on the instance that
 * refused them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RefusalsOverSocketsTest {

    private static final int NINE_MIB = 9 << 20;

    /**
     * The consumer's frame limit above the provider's, as during a rolling change of the key: the
     * provider refuses the 9 MiB request, and that answer must not be lost to a connection reset.
     */
    @Test
    void requestOverTheProvidersLimit_isRefusedNotExecuted_andNeverRetried() {
        CountingUploads uploads = new CountingUploads();
        try (Courier provider = Environments.builder().export(uploads).start();
                Courier consumer = Environments.builder()
                        .property("courier.protocol.max-frame-length", Integer.toString(16 << 20))
                        .start()) {
            Uploads service = consumer.reference(Uploads.class, direct(2, provider.port()));
            byte[] oversized = new byte[NINE_MIB];

            for (int i = 0; i < 10; i++) {
                boolean idempotent = i % 2 == 1;
                RpcException failure = catchThrowableOfType(
                        () -> {
                            if (idempotent) {
                                service.measure(oversized);
                            } else {
                                service.store(oversized);
                            }
                        },
                        RpcException.class);

                assertThat(failure.code()).as("call %d", i).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                assertThat(failure.notExecuted()).as("call %d", i).isTrue();
                assertThat(failure).hasMessageContaining("after 1 attempt");
            }
            assertThat(uploads.executions()).isZero();
            assertThat(service.store(new byte[16]))
                    .as("the connection carries on")
                    .isEqualTo(16);
        }
    }

    @Test
    void unknownServiceOnTheOnlyInstance_isRefusedOnce() {
        try (Courier greeter =
                        Environments.builder().export(new CountingGreeter()).start();
                Courier consumer = Environments.builder().start()) {
            Uploads service = consumer.reference(Uploads.class, direct(2, greeter.port()));

            RpcException failure = catchThrowableOfType(() -> service.measure(new byte[1]), RpcException.class);

            assertThat(failure.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(failure.notExecuted()).isTrue();
            assertThat(failure).hasMessageContaining("unknown service").hasMessageContaining("after 1 attempt on");
        }
    }

    /** A rollout in progress: one instance does not know the service yet, another does. */
    @Test
    void unknownServiceOnOneInstance_isTriedOnAnother() {
        CountingUploads uploads = new CountingUploads();
        try (Courier old = Environments.builder().export(new CountingGreeter()).start();
                Courier upgraded = Environments.builder().export(uploads).start();
                Courier consumer = Environments.builder().start()) {
            Uploads service = consumer.reference(Uploads.class, direct(0, old.port(), upgraded.port()));

            for (int i = 0; i < 10; i++) {
                assertThat(service.store(new byte[3])).isEqualTo(3);
            }
            assertThat(uploads.executions()).isEqualTo(10);
        }
    }

    private static ReferenceOptions direct(int retries, int... ports) {
        List<Endpoint> endpoints = java.util.Arrays.stream(ports)
                .mapToObj(port -> Endpoint.of("127.0.0.1", port))
                .toList();
        return ReferenceOptions.builder()
                .directEndpoints(endpoints)
                .timeoutMillis(20_000)
                .retries(retries)
                .build();
    }
}
