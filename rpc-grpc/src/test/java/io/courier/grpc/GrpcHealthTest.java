package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code grpc.health.v1.Health} as grpc-java's own generated stub calls it, following the provider's state. */
@Timeout(60)
class GrpcHealthTest {

    @Test
    void checkAndWatch_followTheProvider_untilItsGracefulClose() throws Exception {
        Courier provider = Courier.builder()
                .application("grpc-health")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(new GrpcProviderPathTest.ProbeService())
                .start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", provider.port())
                .usePlaintext()
                .build();
        try {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(ServingStatus.SERVING);
            assertThat(health.check(HealthCheckRequest.newBuilder()
                                    .setService(Probe.class.getName())
                                    .build())
                            .getStatus())
                    .isEqualTo(ServingStatus.SERVING);
            assertThatThrownBy(() -> health.check(HealthCheckRequest.newBuilder()
                            .setService("no.such.Service")
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

            List<ServingStatus> seen = new CopyOnWriteArrayList<>();
            CompletableFuture<Status> ended = new CompletableFuture<>();
            HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
                @Override
                public void onNext(HealthCheckResponse value) {
                    seen.add(value.getStatus());
                }

                @Override
                public void onError(Throwable t) {
                    ended.complete(Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                    ended.complete(Status.OK);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(ServingStatus.SERVING));
            long start = System.nanoTime();
            provider.close();
            assertThat(ended.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(seen).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
            // the open watch did not hold the close up to its deadline
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(8_000);
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            provider.close();
        }
    }
}
