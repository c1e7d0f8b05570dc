package io.courier.transport;

import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A text protocol of the tests' own, served beside Courier's on the port: {@code CALL <service>
 * <method> <args...>} runs a call through {@link PortConnection#submit} and answers {@code OK <value>},
 * {@code EXCEPTION <class>} or {@code ERR <code> <not executed>}; {@code CANCEL} cancels the
 * connection's last call and answers {@code CANCELLED <true|false>}. On the server's graceful close it
 * says {@code BYE} and closes when its calls have ended.
 */
final class LineProtocol implements PortProtocol {

    private static final byte[] PREFACE = "LINE/1\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "line";
    }

    @Override
    public Detection detect(ByteBuf firstBytes) {
        return Detection.ofPreface(firstBytes, PREFACE);
    }

    @Override
    public void serve(PortConnection connection) {
        connection.pipeline().addLast(new LineBasedFrameDecoder(1024));
        connection.pipeline().addLast(new StringDecoder(StandardCharsets.UTF_8));
        connection.pipeline().addLast(new StringEncoder(StandardCharsets.UTF_8));
        LineHandler handler = new LineHandler(connection);
        connection.pipeline().addLast(handler);
        connection.onGoAway(handler::goAway);
    }

    private static final class LineHandler extends SimpleChannelInboundHandler<String> {
        private final PortConnection connection;
        /** Calls submitted and not ended: counted before submit, since a refusal ends one inside it. */
        private final AtomicInteger open = new AtomicInteger();

        private volatile ProviderCall last;
        private volatile boolean goingAway;

        LineHandler(PortConnection connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "LINE/1" -> ctx.writeAndFlush("HELLO\n");
                case "CANCEL" -> ctx.writeAndFlush("CANCELLED " + last.cancel() + "\n");
                case "CALL" -> call(ctx, words);
                default -> ctx.writeAndFlush("ERR BAD_REQUEST true\n");
            }
        }

        private void call(ChannelHandlerContext ctx, String[] words) {
            ServiceExport service = connection.services().find(words[1]);
            if (service == null) {
                ctx.writeAndFlush("ERR NOT_FOUND true\n");
                return;
            }
            MethodDescriptor method = method(service.descriptor(), words[2]);
            Object[] args = new Object[method.parameterCount()];
            for (int i = 0; i < args.length; i++) {
                String word = words[3 + i];
                args[i] = method.parameterTypes().get(i) == long.class ? (Object) Long.parseLong(word) : word;
            }
            open.incrementAndGet();
            last = connection.submit(
                    service, method, () -> Invocation.of(ServiceKey.parse(words[1]), method, args), new CallCallback() {
                        @Override
                        public void onResult(RpcResult result) {
                            ended(
                                    ctx,
                                    result.hasException()
                                            ? "EXCEPTION "
                                                    + result.exception()
                                                            .getClass()
                                                            .getName()
                                            : "OK " + result.value());
                        }

                        @Override
                        public void onFailure(RpcException failure) {
                            ended(ctx, "ERR " + failure.code() + " " + failure.notExecuted());
                        }
                    });
        }

        private void ended(ChannelHandlerContext ctx, String answer) {
            ctx.writeAndFlush(answer + "\n");
            open.decrementAndGet();
            ctx.executor().execute(this::closeIfDone);
        }

        void goAway() {
            goingAway = true;
            connection.channel().writeAndFlush("BYE\n");
            closeIfDone();
        }

        private void closeIfDone() {
            if (goingAway && open.get() == 0) {
                connection.channel().close();
            }
        }

        private static MethodDescriptor method(ServiceDescriptor descriptor, String name) {
            return descriptor.methods().stream()
                    .filter(m -> m.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
