package io.courier.registry.zookeeper;

import io.courier.api.registry.RegistryOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/** Builds the Curator client of a registry from its options. */
final class CuratorClients {

    // Curator's own retries of one operation; the registrar and the caches retry beyond that
    private static final int RETRY_BASE_MILLIS = 100;
    private static final int RETRY_MAX_MILLIS = 1_000;
    private static final int RETRIES = 3;

    private CuratorClients() {}

    /** A client that connects in the background once started; not started yet, so listeners miss nothing. */
    static CuratorFramework build(RegistryOptions options, String connectString) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) options.sessionTimeoutMillis())
                .connectionTimeoutMs(curatorConnectionTimeoutMillis(options))
                .retryPolicy(new ExponentialBackoffRetry(RETRY_BASE_MILLIS, RETRIES, RETRY_MAX_MILLIS));
        if (!options.digestAuth().isEmpty()) {
            builder.authorization("digest", options.digestAuth().getBytes(StandardCharsets.UTF_8))
                    .aclProvider(new CreatorOnly());
        }
        return builder.build();
    }

    /**
     * How long one Curator operation waits for a connection: Courier's connection timeout, capped at
     * the session timeout. Waiting longer than the session lasts gains nothing (the session is gone by
     * then), and Curator warns "session timeout [2000] is less than connection timeout [5000]" when it
     * is asked to; capped, a short session (2 s, for a quick leader hand-over) needs no second setting.
     * Courier's own uses of the connection timeout (the first provider list's wait for the registry,
     * the wait for deregistration at close) keep the configured value.
     */
    static int curatorConnectionTimeoutMillis(RegistryOptions options) {
        return (int) Math.min(options.connectionTimeoutMillis(), options.sessionTimeoutMillis());
    }

    /**
     * With digest authentication every node Courier creates (parents included) is readable and
     * writable only by the same digest identity, so every Courier process of an ensemble shares it.
     */
    private static final class CreatorOnly implements ACLProvider {
        @Override
        public List<ACL> getDefaultAcl() {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }
    }
}
