package io.courier.it;

import io.courier.api.ServiceKey;
import io.courier.registry.zookeeper.internal.Layout;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.common.X509Exception;
import org.apache.zookeeper.data.Stat;

/**
 * The registry's tree seen from outside, as an operator sees it: a Curator client of its own that
 * reads nodes and their owning sessions, copies and wipes provider nodes, and asks the servers which
 * sessions are connected to them ({@code cons}, one of ZooKeeper's four-letter commands).
 */
final class RegistryTree implements AutoCloseable {

    static final ServiceKey LEDGER = ServiceKey.of(LedgerService.class);

    private static final Pattern SESSION = Pattern.compile("sid=0x([0-9a-f]+)");

    private final CuratorFramework client;

    private RegistryTree(CuratorFramework client) {
        this.client = client;
    }

    /** Connects to {@code connectString}, waiting up to 20 s. */
    static RegistryTree connect(String connectString) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, 4_000, 2_000, new RetryOneTime(100));
        client.start();
        if (!client.blockUntilConnected(20, TimeUnit.SECONDS)) {
            client.close();
            throw new IllegalStateException("cannot connect to ZooKeeper at " + connectString);
        }
        return new RegistryTree(client);
    }

    static String providers(String root) {
        return new Layout(root).providers(LEDGER);
    }

    static String consumers(String root) {
        return new Layout(root).consumers(LEDGER);
    }

    /** The children of {@code path}, sorted; empty if it does not exist or ZooKeeper cannot say now. */
    List<String> children(String path) {
        try {
            List<String> children = new ArrayList<>(client.getChildren().forPath(path));
            children.sort(null);
            return children;
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Each child of {@code path} and the session owning it (0 for a persistent node); empty if unknown now. */
    TreeMap<String, Long> owners(String path) {
        TreeMap<String, Long> owners = new TreeMap<>();
        for (String child : children(path)) {
            try {
                Stat stat = client.checkExists().forPath(path + "/" + child);
                if (stat != null) {
                    owners.put(child, stat.getEphemeralOwner());
                }
            } catch (Exception e) {
                return new TreeMap<>();
            }
        }
        return owners;
    }

    /** The data of the node at {@code path}, as text. */
    String data(String path) throws Exception {
        return new String(client.getData().forPath(path), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Copies every provider node under {@code fromRoot} to {@code toRoot} as an ephemeral node of this
     * client: a registration that no provider's registrar will put back once it is deleted.
     *
     * @return how many nodes were copied
     */
    int copyProviders(String fromRoot, String toRoot) throws Exception {
        String from = providers(fromRoot);
        String to = providers(toRoot);
        int copied = 0;
        for (String child : children(from)) {
            byte[] data = client.getData().forPath(from + "/" + child);
            client.create()
                    .creatingParentContainersIfNeeded()
                    .withMode(CreateMode.EPHEMERAL)
                    .forPath(to + "/" + child, data);
            copied++;
        }
        return copied;
    }

    /** Deletes every provider node under {@code root} in one transaction, as a lost volume or an operator's slip would. */
    int wipeProviders(String root) throws Exception {
        String path = providers(root);
        List<CuratorOp> deletes = new ArrayList<>();
        for (String child : children(path)) {
            deletes.add(client.transactionOp().delete().forPath(path + "/" + child));
        }
        client.transaction().forOperations(deletes);
        return deletes.size();
    }

    /** The sessions connected to the server at {@code port} of 127.0.0.1; empty if it does not answer. */
    static Set<Long> sessionsConnectedTo(int port) {
        Set<Long> sessions = new HashSet<>();
        try {
            String answer = FourLetterWordMain.send4LetterWord(
                    InetAddress.getLoopbackAddress().getHostAddress(), port, "cons", false, 2_000);
            Matcher matcher = SESSION.matcher(answer);
            while (matcher.find()) {
                sessions.add(Long.parseUnsignedLong(matcher.group(1), 16));
            }
        } catch (IOException | X509Exception.SSLContextException e) {
            // a stopped server has no sessions
        }
        return sessions;
    }

    @Override
    public void close() {
        client.close();
    }
}
