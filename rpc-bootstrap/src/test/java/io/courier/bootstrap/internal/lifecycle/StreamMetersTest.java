package io.courier.bootstrap.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.transport.StreamStats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Binding the stream meters of one side again, as every further reference does, changes nothing. */
class StreamMetersTest {

    /** Fixed totals: the test reads what the meters report, not how a transport counts. */
    private static final class FixedStats implements StreamStats {
        @Override
        public int openStreams() {
            return 3;
        }

        @Override
        public long peakQueuedBytes() {
            return 0;
        }

        @Override
        public long messagesSent() {
            return 5;
        }

        @Override
        public long bytesSent() {
            return 50;
        }

        @Override
        public long messagesReceived() {
            return 7;
        }

        @Override
        public long bytesReceived() {
            return 70;
        }
    }

    @Test
    void bind_secondReferenceOfASide_keepsTheFirstMetersAndRegistersNoDuplicate() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FixedStats stats = new FixedStats();

        StreamMeters.bind(registry, "consumer", stats);
        int meters = registry.getMeters().size();
        StreamMeters.bind(registry, "consumer", stats);

        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(registry.get("courier.transport.stream.open")
                        .tag("side", "consumer")
                        .gauge()
                        .value())
                .isEqualTo(3);
    }

    @Test
    void bind_eachSide_hasItsOwnMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        StreamMeters.bind(registry, "consumer", new FixedStats());
        StreamMeters.bind(registry, "provider", new FixedStats());

        assertThat(registry.find("courier.transport.stream.open").gauges()).hasSize(2);
    }
}
