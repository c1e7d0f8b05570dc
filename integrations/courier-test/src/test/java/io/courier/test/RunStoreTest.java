package io.courier.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The run store as Surefire uses JUnit: one launcher session, one execution request per test class. This
 * module runs on the oldest JUnit the kit supports (5.10), which has no launcher session store: a value
 * lasts one request there, and still closes. The examples module runs the kit on the newest JUnit, where
 * one embedded Kafka serves every class ({@code SharedEventsBrokerTest}).
 */
class RunStoreTest {

    @Test
    void onJUnitBefore513_aValueLastsOneExecutionRequest_andCloses() {
        try (LauncherSession session = LauncherFactory.openSession()) {
            for (int request = 0; request < 2; request++) {
                SummaryGeneratingListener listener = new SummaryGeneratingListener();
                session.getLauncher()
                        .execute(
                                LauncherDiscoveryRequestBuilder.request()
                                        .selectors(selectClass(RunStoreSample.class))
                                        .build(),
                                listener);
                assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(1);
            }
        }
        assertThat(RunStoreSample.started).as("values started").hasValue(2);
        assertThat(RunStoreSample.closed).as("values closed").hasValue(2);
    }
}
