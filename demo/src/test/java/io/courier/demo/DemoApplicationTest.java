package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's steps, as the README's command runs them (without its final {@code System.exit}). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DemoApplicationTest {

    @Test
    void directConnection_succeeds() {
        assertThatCode(DemoApplication::directConnection).doesNotThrowAnyException();
    }

    @Test
    void throughTheRegistry_losesNoCallWhenAProviderStops() {
        assertThatCode(DemoApplication::throughTheRegistry).doesNotThrowAnyException();
    }
}
