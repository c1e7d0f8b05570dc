package io.courier.transport.internal.server;

import io.courier.protocol.internal.Header;
import io.courier.transport.Detection;
import io.courier.transport.PortProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which protocol a connection speaks from its first bytes, installs it, and leaves the
 * pipeline (the bytes it held go on to the protocol's handlers). Courier's magic decides at the first
 * byte, so Courier's own connections wait for nothing; a connection that has not decided within the
 * frame deadline is closed, as a frame that does not arrive would be.
 */
final class PortSelector extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(PortSelector.class);

    private final List<PortProtocol> protocols;
    private final Runnable courier;
    private final Consumer<PortProtocol> other;
    private final long deadlineMillis;
    private ScheduledFuture<?> deadline;

    /**
     * @param courier installs Courier's own handlers
     * @param other hands the connection to the protocol that matched
     */
    PortSelector(List<PortProtocol> protocols, Runnable courier, Consumer<PortProtocol> other, long deadlineMillis) {
        this.protocols = protocols;
        this.courier = courier;
        this.other = other;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor()
                .schedule(
                        () -> {
                            log.debug("closing {}: no protocol recognised within {} ms", ctx.channel(), deadlineMillis);
                            ctx.close();
                        },
                        deadlineMillis,
                        TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        PortProtocol chosen = null;
        boolean undecided = false;
        if (in.getUnsignedByte(in.readerIndex()) != Header.MAGIC) {
            for (PortProtocol protocol : protocols) {
                Detection detection = protocol.detect(in);
                if (detection == Detection.MATCH) {
                    chosen = protocol;
                    break;
                }
                undecided |= detection == Detection.NEED_MORE;
            }
            if (chosen == null && undecided && in.readableBytes() < PortProtocol.MAX_PREFACE_BYTES) {
                return;
            }
        }
        // Everything after this handler is added before it leaves, so that the bytes it holds, which
        // it passes on as it is removed, reach the chosen protocol's first handler.
        if (chosen == null) {
            courier.run();
        } else {
            log.debug("{} speaks {}", ctx.channel(), chosen.name());
            other.accept(chosen);
        }
        ctx.pipeline().remove(this);
    }
}
