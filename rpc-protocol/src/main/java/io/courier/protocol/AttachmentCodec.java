package io.courier.protocol;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.protocol.internal.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.HashMap;
import java.util.Map;

/**
 * Attachments on the wire: a varint count, then each key and value as a string. Both directions
 * enforce the count and total-size caps, so a sender learns of a breach before the peer refuses it.
 */
final class AttachmentCodec {

    private AttachmentCodec() {}

    static void write(ByteBuf out, Map<String, String> attachments, ProtocolOptions options) {
        int count = attachments.size();
        if (count > options.maxAttachments()) {
            throw new RpcException(
                    ErrorCode.BAD_REQUEST,
                    "attachments: " + count + " (expected: <= " + options.maxAttachments() + ", maxAttachments)");
        }
        Wire.writeVarint(out, count);
        if (count == 0) {
            return;
        }
        int start = out.writerIndex();
        long total = 0;
        for (Map.Entry<String, String> entry : attachments.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            int keyBytes = ByteBufUtil.utf8Bytes(key);
            int valueBytes = ByteBufUtil.utf8Bytes(value);
            total += keyBytes + valueBytes;
            if (total > options.maxAttachmentBytes()) {
                out.writerIndex(start);
                throw new RpcException(
                        ErrorCode.BAD_REQUEST,
                        "attachment bytes: over " + options.maxAttachmentBytes() + " at key '" + key
                                + "' (maxAttachmentBytes)");
            }
            Wire.writeVarint(out, keyBytes);
            ByteBufUtil.reserveAndWriteUtf8(out, key, keyBytes);
            Wire.writeVarint(out, valueBytes);
            ByteBufUtil.reserveAndWriteUtf8(out, value, valueBytes);
        }
    }

    /**
     * Reads attachments, refusing a count or a total size over the caps before reading them, and a
     * key that appears twice.
     */
    static Map<String, String> read(ByteBuf in, ProtocolOptions options) {
        int start = in.readerIndex();
        int count = Wire.readVarint(in, "attachment count");
        if (count == 0) {
            return Map.of();
        }
        if (count > options.maxAttachments()) {
            throw Wire.malformed("attachment count " + count + " over the limit of " + options.maxAttachments(), start);
        }
        int budget = options.maxAttachmentBytes();
        // Room for the receive stamp a request may get (readRequest) without growing.
        Map<String, String> attachments = new HashMap<>(count * 2 + 2);
        for (int i = 0; i < count; i++) {
            int keyStart = in.readerIndex();
            int keyLength = Wire.readVarint(in, "attachment key");
            budget = spend(budget, keyLength, options, keyStart);
            String key = Wire.readUtf8(in, keyLength, keyLength, "attachment key", keyStart);
            int valueStart = in.readerIndex();
            int valueLength = Wire.readVarint(in, "attachment value");
            budget = spend(budget, valueLength, options, valueStart);
            String value = Wire.readUtf8(in, valueLength, valueLength, "attachment value", valueStart);
            if (attachments.put(key, value) != null) {
                throw Wire.malformed("attachment key repeated", keyStart);
            }
        }
        return attachments;
    }

    /**
     * Reads a request's attachments as {@link #read} does, then drops any {@link
     * InboundRequest#RECEIVED_NANOS_ATTACHMENT} the peer sent and, when the request carries a time
     * budget, stamps {@code receivedNanos} under that key. Done here, on the map being built, so
     * that the provider's deadline filter need not copy the attachments to stamp them.
     */
    static Map<String, String> readRequest(ByteBuf in, ProtocolOptions options, long receivedNanos) {
        Map<String, String> attachments = read(in, options);
        if (attachments.isEmpty()) {
            return attachments;
        }
        attachments.remove(InboundRequest.RECEIVED_NANOS_ATTACHMENT);
        if (attachments.containsKey(InboundRequest.BUDGET_ATTACHMENT)) {
            attachments.put(InboundRequest.RECEIVED_NANOS_ATTACHMENT, Long.toString(receivedNanos));
        }
        return attachments;
    }

    private static int spend(int budget, int length, ProtocolOptions options, int offset) {
        if (length > budget) {
            throw Wire.malformed("attachments over the limit of " + options.maxAttachmentBytes() + " bytes", offset);
        }
        return budget - length;
    }
}
