package io.courier.bench.thrift;

import io.courier.bench.harness.ServerHandle;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TThreadedSelectorServer;
import org.apache.thrift.transport.TNonblockingServerSocket;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * libthrift's {@link TThreadedSelectorServer} (framed transport, binary protocol) serving {@link ThriftUserService}
 * through {@link UserProcessor}, with libthrift's default threads (2 selector threads, 5 workers), as a team would
 * run it out of the box.
 */
final class LibthriftServer implements ServerHandle {

    private final TNonblockingServerSocket socket;
    private final TThreadedSelectorServer server;
    private final Thread serving;

    LibthriftServer(ThriftUserService service, String host, int port) throws TTransportException {
        this.socket = new TNonblockingServerSocket(new InetSocketAddress(host, port));
        TThreadedSelectorServer.Args args = new TThreadedSelectorServer.Args(socket)
                .processor(new UserProcessor(service))
                .transportFactory(new TFramedTransport.Factory())
                .protocolFactory(new TBinaryProtocol.Factory());
        this.server = new TThreadedSelectorServer(args);
        this.serving = new Thread(server::serve, "libthrift-server");
        serving.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.isServing()) {
            if (System.nanoTime() > deadline || !serving.isAlive()) {
                server.stop();
                throw new IllegalStateException("libthrift's server did not start serving within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Override
    public int port() {
        return socket.getPort();
    }

    @Override
    public void close() {
        server.stop();
        try {
            serving.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
