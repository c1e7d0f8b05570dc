package io.courier.registry.zookeeper.internal;

import java.util.List;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the provider watches do with ZooKeeper's children of a node: list them, stop watching them. */
final class Children {

    private static final Logger log = LoggerFactory.getLogger(Children.class);

    private Children() {}

    /**
     * Lists the children of {@code path} in the background and hands them to {@code listed}: none when
     * the node does not exist; nothing on another failure, which is logged as {@code what} could not be
     * listed (the watch lists again when it is set again, after the reconnect).
     */
    static void list(CuratorFramework client, String path, String what, Consumer<List<String>> listed) {
        try {
            client.getZookeeperClient()
                    .getZooKeeper()
                    .getChildren(
                            path,
                            false,
                            (rc, ignored, ctx, children) -> {
                                if (rc == KeeperException.Code.NONODE.intValue()) {
                                    listed.accept(List.of());
                                } else if (rc == KeeperException.Code.OK.intValue()) {
                                    listed.accept(children);
                                } else {
                                    log.debug(
                                            "Listing {} failed ({}); listed again at the next reconnect",
                                            what,
                                            KeeperException.Code.get(rc));
                                }
                            },
                            null);
        } catch (Exception e) {
            log.debug("Listing {} failed; listed again at the next reconnect", what, e);
        }
    }

    /**
     * Removes this client's watches on {@code path} from the server. The persistent-watch recipe's own
     * removal leaves the watch there (Curator 5.9 removes it by a watcher object the ZooKeeper client
     * does not know), so it is removed by path.
     */
    static void unwatch(CuratorFramework client, String path) {
        try {
            client.watchers()
                    .removeAll()
                    .ofType(Watcher.WatcherType.Any)
                    .quietly()
                    .inBackground()
                    .forPath(path);
        } catch (Exception e) {
            log.debug("Removing the watch on {} failed; it goes with the session", path, e);
        }
    }
}
