package io.courier.transport;

import io.courier.protocol.internal.Header;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Raw TCP peers that speak as little of the protocol as a test needs (or none of it), and a way to
 * wait until the server has closed them. Closes every socket it opened.
 */
final class RawPeers implements AutoCloseable {

    private final List<SocketChannel> peers = new ArrayList<>();
    private final Set<SocketChannel> closedByServer = new HashSet<>();
    private final Selector selector;

    RawPeers() throws IOException {
        this.selector = Selector.open();
    }

    /** Opens {@code count} connections to {@code port} on 127.0.0.1. */
    List<SocketChannel> open(int port, int count) throws IOException {
        List<SocketChannel> opened = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            peers.add(channel);
            opened.add(channel);
        }
        return opened;
    }

    /** Writes {@code bytes} to {@code peer}; {@code false} if the server already closed it. */
    boolean write(SocketChannel peer, byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                peer.write(buffer);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits up to {@code millis} until the server has closed every one of {@code watched} (end of
     * stream or reset) and returns how many it closed.
     */
    int awaitClosed(List<SocketChannel> watched, long millis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        ByteBuffer sink = ByteBuffer.allocate(4096);
        while (countClosed(watched) < watched.size()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            selector.select(Math.min(left, 50));
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel channel = (SocketChannel) key.channel();
                sink.clear();
                int read;
                try {
                    read = channel.read(sink);
                } catch (IOException e) {
                    read = -1;
                }
                if (read < 0) {
                    closedByServer.add(channel);
                    key.cancel();
                }
            }
            selector.selectedKeys().clear();
        }
        return countClosed(watched);
    }

    private int countClosed(List<SocketChannel> watched) {
        int closed = 0;
        for (SocketChannel channel : watched) {
            if (closedByServer.contains(channel)) {
                closed++;
            }
        }
        return closed;
    }

    /** The first {@code length} bytes of a valid heartbeat ping's header. */
    static byte[] headerPrefix(int length) {
        byte[] header = new byte[Header.LENGTH];
        header[Header.MAGIC_OFFSET] = (byte) Header.MAGIC;
        header[Header.VERSION_SERIALIZER_OFFSET] = (byte) (Header.VERSION << 5);
        header[Header.FLAGS_OFFSET] = (byte) Header.FLAG_HEARTBEAT;
        header[Header.REQUEST_ID_OFFSET + 7] = 1;
        byte[] prefix = new byte[length];
        System.arraycopy(header, 0, prefix, 0, length);
        return prefix;
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel peer : peers) {
            peer.close();
        }
        selector.close();
    }
}
