package io.courier.registry.zookeeper;

import io.courier.api.RegistryOptions;
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
                .connectionTimeoutMs((int) options.connectionTimeoutMillis())
                .retryPolicy(new ExponentialBackoffRetry(RETRY_BASE_MILLIS, RETRIES, RETRY_MAX_MILLIS));
        if (!options.digestAuth().isEmpty()) {
            builder.authorization("digest", options.digestAuth().getBytes(StandardCharsets.UTF_8))
                    .aclProvider(new CreatorOnly());
        }
        return builder.build();
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
