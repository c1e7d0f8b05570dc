package io.courier.bench.raw;

import io.courier.bench.workload.UserService;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one request frame, calls the service on the IO thread and writes the response; flushes once per read
 * batch. Running the service on the IO thread is affordable only because the workload never blocks, and it is part
 * of what makes this RPC a ceiling: no hand-off to another thread.
 */
@Sharable
final class RawServerHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger log = LoggerFactory.getLogger(RawServerHandler.class);

    private final UserService service;

    RawServerHandler(UserService service) {
        this.service = service;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        long requestId = frame.readLong();
        byte method = frame.readByte();
        ByteBuf out = ctx.alloc().ioBuffer();
        int start = out.writerIndex();
        try {
            WireFormat.writeHeader(out, requestId, WireFormat.OK);
            switch (method) {
                case WireFormat.EXIST_USER -> out.writeBoolean(service.existUser(WireFormat.readString(frame)));
                case WireFormat.CREATE_USER -> out.writeBoolean(service.createUser(WireFormat.readUser(frame)));
                case WireFormat.GET_USER -> WireFormat.writeUser(out, service.getUser(frame.readLong()));
                case WireFormat.LIST_USER -> WireFormat.writeUserPage(out, service.listUser(frame.readInt()));
                default -> throw new IllegalArgumentException("method: " + method + " (expected: 1 to 4)");
            }
        } catch (RuntimeException e) {
            out.writerIndex(start);
            WireFormat.writeHeader(out, requestId, WireFormat.ERROR);
            WireFormat.writeString(out, e.getClass().getName() + ": " + e.getMessage());
        }
        WireFormat.writeLength(out, start);
        ctx.write(out, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("closing {} after an error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
