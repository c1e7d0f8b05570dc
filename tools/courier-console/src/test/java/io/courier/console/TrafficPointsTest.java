package io.courier.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the console turns an application's Prometheus text into chart points: the meters it reads, the
 * counters' growth between two rounds as calls/s and error rate, a restarted application's counters,
 * and how instances and methods add up; and which admin addresses it will fetch at all.
 */
class TrafficPointsTest {

    private static final String SERVICE = "io.example.Orders";

    @Test
    void parse_readsCallsErrorsAndPercentiles_perSideServiceAndMethod_andSkipsTheRest() {
        Map<PrometheusText.Key, PrometheusText.Method> meters = PrometheusText.parse(text(100, 4, 0.002, 0.050)
                + "# HELP jvm_threads_live_threads Live threads\n"
                + "jvm_threads_live_threads 42.0\n"
                + "courier_rpc_calls_total{side=\"provider\"} 7.0\n"
                + "courier_rpc_calls_total{method=\"broken\",service=\"x\",side=\"provider\"} not-a-number\n");

        assertThat(meters).hasSize(1);
        PrometheusText.Method place = meters.get(new PrometheusText.Key("provider", SERVICE, "place"));
        assertThat(place.calls).isEqualTo(100);
        assertThat(place.errors).isEqualTo(4 + 1); // BUSINESS and TIMEOUT added
        assertThat(place.p50).isCloseTo(2.0, within(1e-9));
        assertThat(place.p99).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void refusalsByALimit_areCountedApartFromErrors_andOtherRejectionsAreNot() {
        String labels = "method=\"count\",service=\"" + SERVICE + "\",side=\"provider\"";
        PolledInstance instance = new PolledInstance("127.0.0.1:9090", "");
        JsonNode services = Exchanges.JSON.createObjectNode().put("application", "order-service");
        for (long round = 1; round <= 2; round++) {
            String text = "courier_rpc_calls_total{" + labels + "} " + 100 * round + ".0\n"
                    + "courier_rpc_rejections_total{" + labels + ",reason=\"rate-limited\"} " + 90 * round + ".0\n"
                    + "courier_rpc_rejections_total{" + labels + ",reason=\"circuit-open\"} " + round + ".0\n"
                    + "courier_rpc_errors_total{code=\"CIRCUIT_OPEN\"," + labels + "} " + round + ".0\n";
            instance.update(round * 1_000, round * 1_000, new PolledInstance.Fetched(text, services, null, null));
        }

        Series.Point point = instance.latest("provider", SERVICE);
        assertThat(point.refusalRate()).isCloseTo(0.90, within(1e-9));
        assertThat(point.errorRate()).isCloseTo(0.01, within(1e-9));
        assertThat(Series.combine(1, List.of(point, new Series.Point(1, 100, 0, 0, null, null)))
                        .refusalRate())
                .isCloseTo(0.45, within(1e-9));
    }

    @Test
    void labels_undoTheExpositionFormatsEscapes() {
        assertThat(PrometheusText.labels("a=\"x\\\"y\",b=\"back\\\\slash\",c=\"new\\nline\""))
                .containsEntry("a", "x\"y")
                .containsEntry("b", "back\\slash")
                .containsEntry("c", "new\nline");
    }

    @Test
    void twoRounds_makeAPointOfTheCountersGrowth_andARestartStartsFromZero() {
        PolledInstance instance = new PolledInstance("127.0.0.1:9090", "");
        JsonNode services = Exchanges.JSON.createObjectNode().put("application", "order-service");
        instance.update(1_000, 1_000, new PolledInstance.Fetched(text(100, 4, 0.002, 0.05), services, null, null));
        assertThat(instance.series("provider", SERVICE)).isEmpty(); // one round has no growth yet

        instance.update(3_000, 3_000, new PolledInstance.Fetched(text(300, 14, 0.003, 0.06), services, null, null));
        Series.Point point = instance.latest("provider", SERVICE);
        assertThat(instance.application).isEqualTo("order-service");
        assertThat(point.at()).isEqualTo(3_000);
        assertThat(point.callsPerSecond()).isCloseTo(100, within(1e-9)); // 200 calls in 2 s
        assertThat(point.errorRate()).isCloseTo(0.05, within(1e-9)); // 10 of 200
        assertThat(point.p50()).isCloseTo(3.0, within(1e-9));

        instance.update(5_000, 5_000, new PolledInstance.Fetched(text(20, 0, 0.001, 0.01), services, null, null));
        assertThat(instance.latest("provider", SERVICE).callsPerSecond()).isCloseTo(10, within(1e-9));
        assertThat(instance.series("provider", SERVICE)).hasSize(2);

        instance.update(7_000, 7_000, new PolledInstance.Fetched(null, services, null, null));
        assertThat(instance.metrics).isFalse();
    }

    @Test
    void combine_addsRates_andWeighsPercentilesByCalls() {
        Series.Point busy = new Series.Point(1, 300, 0.10, 0.5, 2.0, 20.0);
        Series.Point quiet = new Series.Point(1, 100, 0.0, 0.0, 6.0, null);

        Series.Point both = Series.combine(1, List.of(busy, quiet));

        assertThat(both.callsPerSecond()).isEqualTo(400);
        assertThat(both.errorRate()).isCloseTo(30.0 / 400, within(1e-9));
        assertThat(both.p50()).isCloseTo((2.0 * 300 + 6.0 * 100) / 400, within(1e-9));
        assertThat(both.p99()).isCloseTo(20.0, within(1e-9));
        assertThat(Series.combine(
                                1,
                                List.of(
                                        new Series.Point(1, 0, 0, 0, 4.0, null),
                                        new Series.Point(1, 0, 0, 0, 9.0, null)))
                        .p50())
                .isEqualTo(9.0);
        assertThat(Series.sum(List.of(List.of(busy), List.of(quiet, new Series.Point(2, 5, 0, 0, null, null)))))
                .extracting(Series.Point::at)
                .containsExactly(1L, 2L);
    }

    @Test
    void adminAddresses_areHostAndPortOnly_nothingThatChangesTheUrl() {
        assertThat(AdminFetch.address("127.0.0.1:9090")).contains("127.0.0.1:9090");
        assertThat(AdminFetch.address("[::1]:9090")).contains("[::1]:9090");
        assertThat(AdminFetch.address("admin.shop.internal:9090")).contains("admin.shop.internal:9090");
        for (String hostile : List.of(
                "evil.example/steal?:80", "user@host:80", "host#x:80", "host:0", "host", "", "a b:80", "host:80:x")) {
            assertThat(AdminFetch.address(hostile)).as(hostile).isEmpty();
        }
        assertThat(AdminFetch.address(null)).isEmpty();
    }

    /** An application's text with one provider method {@code place} of {@link #SERVICE}. */
    private static String text(long calls, long businessErrors, double p50Seconds, double p99Seconds) {
        String labels = "method=\"place\",service=\"" + SERVICE + "\",side=\"provider\"";
        return "# TYPE courier_rpc_calls_total counter\n"
                + "courier_rpc_calls_total{" + labels + "} " + calls + ".0\n"
                + "courier_rpc_errors_total{code=\"BUSINESS\"," + labels + "} " + businessErrors + ".0\n"
                + (businessErrors > 0 ? "courier_rpc_errors_total{code=\"TIMEOUT\"," + labels + "} 1.0\n" : "")
                + "courier_rpc_duration_seconds{" + labels + ",quantile=\"0.5\"} " + p50Seconds + "\n"
                + "courier_rpc_duration_seconds{" + labels + ",quantile=\"0.99\"} " + p99Seconds + "\n"
                + "courier_rpc_duration_seconds_count{" + labels + "} " + calls + "\n";
    }
}
