package io.courier.serialization.fory;

import static io.courier.serialization.fory.ForySerializerTest.POLICY;
import static io.courier.serialization.fory.ForySerializerTest.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.serialization.Serializer;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.User;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fory bound in the background ({@code prepareForService}, what {@code auto} uses): not ready when
 * it returns, ready later, its sessions usable at any time and wire-compatible with a serializer
 * bound at once, and its thread gone once nothing is left to bind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PreparingForyTest {

    @Test
    void returnsAtOnceNotReady_becomesReady_andASessionOpenedBeforeBindsAtOnce() throws Exception {
        Serializer bound = new ForySerializer().forService(SERVICE, POLICY);
        long start = System.nanoTime();
        Serializer prepared = new ForySerializer().prepareForService(SERVICE, POLICY);

        assertThat(prepared.id()).isEqualTo(ForySerializer.ID);
        assertThat(prepared.ready())
                .as("the binding starts %d ms after prepareForService", PreparingFory.DELAY_MILLIS)
                .isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("prepareForService returns without binding")
                .isLessThan(PreparingFory.DELAY_MILLIS);

        Object[] values = {User.sample(3), Page.sample(2, 15)};
        Type[] types = {User.class, Page.class};
        // written before it is ready: the session binds now (no waiting out the delay), then writes what a
        // bound fory reads
        byte[] bytes = ForySerializerTest.write(prepared, values, types);
        assertThat(prepared.ready()).isTrue();
        assertThat(ForySerializerTest.read(bound, bytes, User.class)).isEqualTo(values[0]);

        byte[] back = ForySerializerTest.write(bound, new Object[] {values[1]}, new Type[] {Page.class});
        assertThat(ForySerializerTest.read(prepared, back, Page.class)).isEqualTo(values[1]);
    }

    @Test
    void bindingThread_endsOnceNothingIsLeftToBind() {
        Serializer prepared = new ForySerializer().prepareForService(SERVICE, POLICY);

        await().atMost(Duration.ofSeconds(30)).until(prepared::ready);
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("courier-fory-bind") && thread.isAlive()));
    }
}
