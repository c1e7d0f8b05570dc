package io.courier.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.courier.test.CourierTest;
import io.courier.test.TestEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The test kit's embedded Kafka serves every {@code @CourierTest(events = true)} class of a test JVM,
 * though Surefire runs each class as an execution request of its own in one launcher session, as here.
 */
class SharedEventsBrokerTest {

    static final List<String> brokers = new CopyOnWriteArrayList<>();

    @Test
    void twoTestClasses_runAsTwoExecutionRequests_shareOneEmbeddedKafka() {
        try (LauncherSession session = LauncherFactory.openSession()) {
            for (Class<?> testClass : List.of(FirstEventsSample.class, SecondEventsSample.class)) {
                SummaryGeneratingListener listener = new SummaryGeneratingListener();
                session.getLauncher()
                        .execute(
                                LauncherDiscoveryRequestBuilder.request()
                                        .selectors(selectClass(testClass))
                                        .build(),
                                listener);
                assertThat(listener.getSummary().getTestsSucceededCount())
                        .as(testClass.getSimpleName())
                        .isEqualTo(1);
            }
        }
        assertThat(brokers).hasSize(2);
        assertThat(brokers.get(1)).as("the second class's broker").isEqualTo(brokers.get(0));
    }

    @CourierTest(events = true)
    static class FirstEventsSample {
        @Test
        void recordsItsBroker(TestEvents events) {
            brokers.add(events.bootstrapServers());
        }
    }

    @CourierTest(events = true)
    static class SecondEventsSample {
        @Test
        void recordsItsBroker(TestEvents events) {
            brokers.add(events.bootstrapServers());
        }
    }
}
