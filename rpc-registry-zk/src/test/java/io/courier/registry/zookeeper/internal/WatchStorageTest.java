package io.courier.registry.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

class WatchStorageTest {

    private static final String PARENT = "/courier/a.B/providers";
    private final AtomicInteger changes = new AtomicInteger();
    private final WatchStorage<String> storage = new WatchStorage<>(
            path -> path.startsWith(PARENT + "/"),
            node -> new String(node.getData(), StandardCharsets.UTF_8),
            changes::incrementAndGet);

    @Test
    void sameNodeReadAgain_isNoChange() {
        storage.put(node(PARENT + "/h:1", 10, 0, "x"));
        storage.put(node(PARENT + "/h:1", 10, 0, "x"));
        assertThat(changes).hasValue(1);
        assertThat(storage.values()).containsExactly("x");
    }

    @Test
    void nodeReplacedWithTheSameDataVersion_isAChange() {
        // deleted and re-created while the cache was disconnected: version 0 both times
        storage.put(node(PARENT + "/h:1", 10, 0, "old"));
        storage.put(node(PARENT + "/h:1", 20, 0, "new"));
        assertThat(changes).hasValue(2);
        assertThat(storage.value(PARENT + "/h:1")).isEqualTo("new");
    }

    @Test
    void parentNode_isStoredWithoutSignalOrValue() {
        storage.put(node(PARENT, 5, 0, ""));
        assertThat(changes).hasValue(0);
        assertThat(storage.contains(PARENT)).isTrue();
        assertThat(storage.values()).isEmpty();
        assertThat(storage.get(PARENT).orElseThrow().getData())
                .as("bytes are not kept")
                .isNull();
    }

    @Test
    void removal_isAChangeAndReturnsThePreviousNode() {
        storage.put(node(PARENT + "/h:1", 10, 0, "x"));
        assertThat(storage.remove(PARENT + "/h:1")).isPresent();
        assertThat(storage.remove(PARENT + "/h:1")).isEmpty();
        assertThat(changes).hasValue(2);
        assertThat(storage.size()).isZero();
    }

    private static ChildData node(String path, long mzxid, int version, String data) {
        Stat stat = new Stat();
        stat.setMzxid(mzxid);
        stat.setCzxid(mzxid);
        stat.setVersion(version);
        return new ChildData(path, stat, data.getBytes(StandardCharsets.UTF_8));
    }
}
