package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.internal.ServedAttachments;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.internal.IoThreadLocal;
import io.courier.protocol.internal.KnownNames;
import io.courier.protocol.internal.RepeatedBlock;
import io.courier.protocol.internal.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Attachments on the wire: a varint count, then each key and value as a string. Both directions
 * enforce the count and total-size caps, so a sender learns of a breach before the peer refuses it.
 */
final class AttachmentCodec {

    /** Attachment keys repeat on every call (the budget, the token, trace headers). */
    private static final KnownNames KEYS =
            new KnownNames(InboundRequest.BUDGET_ATTACHMENT, InboundRequest.RECEIVED_NANOS_ATTACHMENT);

    /**
     * A request's time budget repeats too (most calls send their full timeout): its text is looked
     * up rather than decoded. Other values (trace ids, tokens) change on every call and are not.
     */
    private static final KnownNames BUDGETS = new KnownNames();

    /**
     * The last request attachments each IO thread read, as bytes and as the map they made: a
     * consumer sends the same ones (its budget) on most calls, and matching the bytes is cheaper
     * than looking each key and value up again. Keyed by the options, whose limits they passed.
     */
    private static final FastThreadLocal<RepeatedBlock<Map<String, String>>> LAST_REQUEST_ATTACHMENTS =
            IoThreadLocal.withInitial(RepeatedBlock::new);

    /** Up to this many attachments, repeated keys are found by a scan and no hash map is built. */
    private static final int SCANNED = 8;

    /**
     * The budget's key as {@link #write} writes it (its length, then its UTF-8 bytes): most requests
     * carry that one attachment alone, and it is copied rather than encoded again.
     */
    private static final byte[] BUDGET_KEY = encodedString(InboundRequest.BUDGET_ATTACHMENT);

    private static final int BUDGET_KEY_BYTES = ByteBufUtil.utf8Bytes(InboundRequest.BUDGET_ATTACHMENT);

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
        if (count == 1) {
            String budget = attachments.get(InboundRequest.BUDGET_ATTACHMENT);
            if (budget != null) {
                // The same bytes as the loop below, without walking the map or encoding the key.
                int valueBytes = ByteBufUtil.utf8Bytes(budget);
                if ((long) BUDGET_KEY_BYTES + valueBytes > options.maxAttachmentBytes()) {
                    throw new RpcException(
                            ErrorCode.BAD_REQUEST,
                            "attachment bytes: over " + options.maxAttachmentBytes() + " at key '"
                                    + InboundRequest.BUDGET_ATTACHMENT + "' (maxAttachmentBytes)");
                }
                out.writeBytes(BUDGET_KEY);
                Wire.writeVarint(out, valueBytes);
                ByteBufUtil.reserveAndWriteUtf8(out, budget, valueBytes);
                return;
            }
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

    private static byte[] encodedString(String text) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            int length = ByteBufUtil.utf8Bytes(text);
            Wire.writeVarint(buffer, length);
            ByteBufUtil.reserveAndWriteUtf8(buffer, text, length);
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    /**
     * Reads attachments, refusing a count or a total size over the caps before reading them, and a
     * key that appears twice. The map is immutable, so an {@code Invocation} takes it without a copy.
     */
    static Map<String, String> read(ByteBuf in, ProtocolOptions options) {
        return read(in, options, false);
    }

    /**
     * Reads a request's attachments as {@link #read} does, but drops any {@link
     * InboundRequest#RECEIVED_NANOS_ATTACHMENT} the peer sent and, when the request carries a time
     * budget, stamps {@code receivedNanos} under that key ({@link ServedAttachments}: typed, formatted
     * only when read). Done here, on the map being built, so that the provider's deadline filter need
     * not copy the attachments to stamp them.
     */
    static Map<String, String> readRequest(ByteBuf in, ProtocolOptions options, long receivedNanos) {
        RepeatedBlock<Map<String, String>> last = LAST_REQUEST_ATTACHMENTS.get();
        Map<String, String> map = last.match(in, options);
        if (map == null) {
            int start = in.readerIndex();
            map = read(in, options, true);
            last.remember(in, start, options, map);
        }
        // The stamp stays a long until someone reads it as text (formatting it on every request
        // cost about 5 % of a provider's samples).
        return map.containsKey(InboundRequest.BUDGET_ATTACHMENT) ? ServedAttachments.of(map, receivedNanos) : map;
    }

    private static Map<String, String> read(ByteBuf in, ProtocolOptions options, boolean request) {
        int start = in.readerIndex();
        int count = Wire.readVarint(in, "attachment count");
        if (count == 0) {
            return Map.of();
        }
        if (count > options.maxAttachments()) {
            throw Wire.malformed("attachment count " + count + " over the limit of " + options.maxAttachments(), start);
        }
        int budget = options.maxAttachmentBytes();
        // Keys and values in turn.
        String[] pairs = new String[2 * count];
        Map<String, String> seen = count > SCANNED ? new HashMap<>(count * 2) : null;
        int size = 0;
        boolean stampSent = false;
        for (int i = 0; i < count; i++) {
            int keyStart = in.readerIndex();
            int keyLength = Wire.readVarint(in, "attachment key");
            budget = spend(budget, keyLength, options, keyStart);
            String key = KEYS.read(in, keyLength, keyLength, "attachment key", keyStart);
            int valueStart = in.readerIndex();
            int valueLength = Wire.readVarint(in, "attachment value");
            budget = spend(budget, valueLength, options, valueStart);
            boolean budgetKey = request && key.equals(InboundRequest.BUDGET_ATTACHMENT);
            String value = budgetKey
                    ? BUDGETS.read(in, valueLength, valueLength, "attachment value", valueStart)
                    : Wire.readUtf8(in, valueLength, valueLength, "attachment value", valueStart);
            if (seen != null ? seen.put(key, value) != null : repeated(pairs, size, key)) {
                throw Wire.malformed("attachment key repeated", keyStart);
            }
            if (request && key.equals(InboundRequest.RECEIVED_NANOS_ATTACHMENT)) {
                if (stampSent && seen == null) {
                    throw Wire.malformed("attachment key repeated", keyStart);
                }
                stampSent = true;
                continue; // only this process may say when it received the request
            }
            pairs[size++] = key;
            pairs[size++] = value;
        }
        return immutable(pairs, size);
    }

    private static boolean repeated(String[] pairs, int size, String key) {
        for (int i = 0; i < size; i += 2) {
            if (Objects.equals(pairs[i], key)) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code size / 2} pairs as an immutable map; the keys are distinct. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> immutable(String[] pairs, int size) {
        switch (size) {
            case 0:
                return Map.of();
            case 2:
                return Map.of(pairs[0], pairs[1]);
            case 4:
                return Map.of(pairs[0], pairs[1], pairs[2], pairs[3]);
            case 6:
                return Map.of(pairs[0], pairs[1], pairs[2], pairs[3], pairs[4], pairs[5]);
            default:
                Map.Entry<String, String>[] entries = new Map.Entry[size / 2];
                for (int i = 0; i < entries.length; i++) {
                    entries[i] = Map.entry(pairs[2 * i], pairs[2 * i + 1]);
                }
                return Map.ofEntries(entries);
        }
    }

    private static int spend(int budget, int length, ProtocolOptions options, int offset) {
        if (length > budget) {
            throw Wire.malformed("attachments over the limit of " + options.maxAttachmentBytes() + " bytes", offset);
        }
        return budget - length;
    }
}
