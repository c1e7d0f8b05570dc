package io.courier.protocol;

import io.courier.api.serialization.Serializer;
import io.courier.protocol.frame.GadgetRefusalTest;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.protocol.testing.SuiteSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/**
 * Serialized values that name a gadget class: a decoy is written, then its class name is replaced
 * in the bytes, length prefixes included. No gadget is instantiated to produce them.
 */
public final class GadgetBytes {

    private GadgetBytes() {}

    public static byte[] value(Serializer serializer, Object value, Type type) {
        ByteBuf out = Unpooled.buffer();
        try {
            Serializer.ValueWriter writer = serializer.writer(new BufferOutputStream(out));
            writer.write(value, type);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Bytes.array(out);
    }

    /** One value of {@code serializer} with class name {@code from} renamed to {@code to}. */
    public static byte[] renamed(Serializer serializer, Object decoy, Type type, String from, String to) {
        for (SuiteSerializer extra : SuiteSerializer.installed()) {
            if (extra.id() == serializer.id()) {
                return extra.renamed(GadgetRefusalTest.SERVICE, decoy, decoyClass(from), to);
            }
        }
        byte[] bytes = value(serializer, decoy, type);
        if (serializer.id() == HessianSerializer.ID) {
            return Bytes.replace(
                    bytes,
                    Bytes.concat(Bytes.hessianLength(from.length()), Bytes.ascii(from)),
                    Bytes.concat(Bytes.hessianLength(to.length()), Bytes.ascii(to)));
        }
        // protostuff value: tag, varint message size, message (groups inside carry no sizes)
        int tag = bytes[0];
        int sizeLength = 1;
        while ((bytes[sizeLength] & 0x80) != 0) {
            sizeLength++;
        }
        sizeLength++;
        byte[] message = java.util.Arrays.copyOfRange(bytes, sizeLength, bytes.length);
        byte[] renamed = Bytes.replace(
                message,
                Bytes.concat(Bytes.varint(from.length()), Bytes.ascii(from)),
                Bytes.concat(Bytes.varint(to.length()), Bytes.ascii(to)));
        return Bytes.concat(new byte[] {(byte) tag}, Bytes.varint(renamed.length), renamed);
    }

    private static Class<?> decoyClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("decoy class " + name, e);
        }
    }
}
