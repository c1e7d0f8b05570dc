package io.courier.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedWatchesTest {

    private final List<String> events = new ArrayList<>();
    private final SharedWatches<String, Watch> watches = new SharedWatches<>();

    private final class Watch implements AutoCloseable {
        final String key;

        Watch(String key) {
            this.key = key;
            events.add("start " + key);
        }

        @Override
        public void close() {
            events.add("close " + key);
        }
    }

    @Test
    void theFirstUserStartsTheWatch_andTheLastClosesIt_afterItsCallback() {
        Watch first = watches.join("a", Watch::new);
        Watch second = watches.join("a", Watch::new);

        assertThat(second).isSameAs(first);
        assertThat(watches.leave("a", key -> events.add("last " + key))).isFalse();
        assertThat(watches.find("a")).containsSame(first);
        assertThat(watches.leave("a", key -> events.add("last " + key))).isTrue();
        assertThat(watches.find("a")).isEmpty();
        assertThat(watches.leave("a", key -> events.add("last " + key))).isFalse();
        assertThat(events).containsExactly("start a", "last a", "close a");
    }

    @Test
    void close_closesEveryWatch_andRefusesNewUsers() {
        watches.join("a", Watch::new);
        watches.join("b", Watch::new);

        watches.close();

        assertThat(events).containsExactlyInAnyOrder("start a", "start b", "close a", "close b");
        assertThatThrownBy(() -> watches.join("c", Watch::new))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Registry is closed");
        assertThat(watches.leave("a", key -> events.add("last " + key))).isFalse();
    }

    @Test
    void aWatchThatFailsToClose_doesNotStopTheOthers() {
        SharedWatches<String, AutoCloseable> mixed = new SharedWatches<>();
        mixed.join("bad", key -> () -> {
            throw new Exception("refused");
        });
        mixed.join("b", Watch::new);

        mixed.close();

        assertThat(events).containsExactly("start b", "close b");
    }
}
