package io.courier.dubbo;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import io.courier.dubbo.fixture.Accounts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * A Dubbo provider that Courier's consumer must survive: on 127.0.0.1, it answers each call with the
 * next scripted answer (bytes made from the call's id), or, with none left, a well-formed answer
 * {@code "fake"}; heartbeats are answered. Its threads stop with {@link #close()}.
 */
final class FakeDubboProvider implements AutoCloseable {

    private final ServerSocket server;
    private final BlockingQueue<LongFunction<byte[]>> script = new LinkedBlockingQueue<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<Map<?, ?>> lastAttachments = new AtomicReference<>(Map.of());
    private final Thread acceptor;

    FakeDubboProvider() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "fake-dubbo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Lists this provider of {@link Accounts} in Dubbo's layout, as a stock Dubbo provider would. */
    void register(String zookeeper) throws Exception {
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(zookeeper, new RetryOneTime(100))) {
            client.start();
            String url = "dubbo://127.0.0.1:" + port() + "/" + Accounts.class.getName() + "?interface="
                    + Accounts.class.getName() + "&methods=server&side=provider&application=fake";
            client.create()
                    .creatingParentsIfNeeded()
                    .forPath("/dubbo/" + Accounts.class.getName() + "/providers/"
                            + URLEncoder.encode(url, StandardCharsets.UTF_8));
        }
    }

    /** How many calls (not heartbeats) arrived. */
    int calls() {
        return calls.get();
    }

    /** The attachments of the last call of a method without parameters. */
    Map<?, ?> lastAttachments() {
        return lastAttachments.get();
    }

    /** The next call is answered with these bytes. */
    void answerNext(LongFunction<byte[]> answer) {
        script.add(answer);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread reader = new Thread(() -> serve(socket), "fake-dubbo-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                DubboWire.Frame request = DubboWire.read(in);
                if ((request.flags() & DubboWire.EVENT) != 0) {
                    byte[] heartbeat = DubboWire.frame(
                            (byte) (DubboWire.HESSIAN2 | DubboWire.EVENT), request.id(), new byte[] {'N'});
                    heartbeat[3] = 20;
                    out.write(heartbeat);
                    out.flush();
                    continue;
                }
                calls.incrementAndGet();
                lastAttachments.set(attachments(request.body()));
                LongFunction<byte[]> answer = script.poll();
                out.write(answer != null ? answer.apply(request.id()) : fake(request.id()));
                out.flush();
            }
        } catch (IOException e) {
            // the consumer closed the connection, or the test did
        }
    }

    /** The attachments of a call without arguments: after Dubbo's five strings. */
    private static Map<?, ?> attachments(byte[] body) throws IOException {
        Hessian2Input in = new Hessian2Input(new ByteArrayInputStream(body));
        for (int i = 0; i < 5; i++) {
            in.readString();
        }
        try {
            return in.readObject() instanceof Map<?, ?> map ? map : Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of(); // a call with arguments
        }
    }

    /** A well-formed answer {@code "fake"} with no attachments. */
    static byte[] fake(long id) {
        // 0x91: hessian's compact int 1 (RESPONSE_VALUE), then the string "fake"
        return DubboWire.response((byte) 20, id, new byte[] {(byte) 0x91, 0x04, 'f', 'a', 'k', 'e'});
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (SocketException e) {
                // closing anyway
            }
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
