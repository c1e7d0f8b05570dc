package io.courier.protocol.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import io.protostuff.Input;
import io.protostuff.Output;
import io.protostuff.Pipe;
import io.protostuff.WireFormat.FieldType;
import io.protostuff.runtime.DefaultIdStrategy;
import io.protostuff.runtime.Delegate;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The java.time values protostuff would otherwise write as nested messages of their private fields
 * and rebuild by reflection, written as scalars instead:
 *
 * <ul>
 *   <li>{@code LocalDate}: sint64, the epoch day
 *   <li>{@code LocalTime}: int64, the nano of the day
 *   <li>{@code LocalDateTime} (as of UTC), {@code Instant}, {@code Duration}: bytes holding a
 *       zigzag varint of the (epoch) seconds and a varint of the nano of the second
 * </ul>
 *
 * <p>Out-of-range or malformed values are refused as {@link ErrorCode#SERIALIZATION}. A reading
 * strategy whose policy does not admit one of these classes refuses its values as the policy does.
 */
final class TimeDelegates {

    private static final int NANOS_PER_SECOND = 1_000_000_000;

    private TimeDelegates() {}

    /** Registers every delegate; {@code policy} is null for a writing strategy. */
    static void register(DefaultIdStrategy strategy, DeserializationPolicy policy) {
        strategy.registerDelegate(new EpochDay(refusal(policy, LocalDate.class)));
        strategy.registerDelegate(new NanoOfDay(refusal(policy, LocalTime.class)));
        strategy.registerDelegate(new SecondsAndNanos<>(
                LocalDateTime.class,
                refusal(policy, LocalDateTime.class),
                value -> value.toEpochSecond(ZoneOffset.UTC),
                LocalDateTime::getNano,
                (seconds, nanos) -> LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC)));
        strategy.registerDelegate(new SecondsAndNanos<>(
                Instant.class,
                refusal(policy, Instant.class),
                Instant::getEpochSecond,
                Instant::getNano,
                Instant::ofEpochSecond));
        strategy.registerDelegate(new SecondsAndNanos<>(
                Duration.class,
                refusal(policy, Duration.class),
                Duration::getSeconds,
                Duration::getNano,
                Duration::ofSeconds));
    }

    /** The policy to refuse {@code type} with, or null if it admits it (asked once, not per value). */
    private static DeserializationPolicy refusal(DeserializationPolicy policy, Class<?> type) {
        if (policy == null) {
            return null;
        }
        try {
            policy.checkClass(type.getName());
            return null;
        } catch (RpcException e) {
            return policy;
        }
    }

    /** What the delegates share: the type, the refusal and turning time errors into refusals. */
    private abstract static class TimeDelegate<V> implements Delegate<V> {
        private final Class<V> type;
        private final DeserializationPolicy refusing;

        TimeDelegate(Class<V> type, DeserializationPolicy refusing) {
            this.type = type;
            this.refusing = refusing;
        }

        @Override
        public final Class<?> typeClass() {
            return type;
        }

        @Override
        public final V readFrom(Input input) throws IOException {
            if (refusing != null) {
                refusing.checkClass(type.getName());
                throw new RpcException(ErrorCode.SERIALIZATION, type.getName() + " refused by the policy");
            }
            try {
                return read(input);
            } catch (DateTimeException | ArithmeticException e) {
                throw invalid(type, e.getMessage());
            }
        }

        abstract V read(Input input) throws IOException;
    }

    private static final class EpochDay extends TimeDelegate<LocalDate> {
        EpochDay(DeserializationPolicy refusing) {
            super(LocalDate.class, refusing);
        }

        @Override
        public FieldType getFieldType() {
            return FieldType.SINT64;
        }

        @Override
        LocalDate read(Input input) throws IOException {
            return LocalDate.ofEpochDay(input.readSInt64());
        }

        @Override
        public void writeTo(Output output, int number, LocalDate value, boolean repeated) throws IOException {
            output.writeSInt64(number, value.toEpochDay(), repeated);
        }

        @Override
        public void transfer(Pipe pipe, Input input, Output output, int number, boolean repeated) throws IOException {
            output.writeSInt64(number, input.readSInt64(), repeated);
        }
    }

    private static final class NanoOfDay extends TimeDelegate<LocalTime> {
        NanoOfDay(DeserializationPolicy refusing) {
            super(LocalTime.class, refusing);
        }

        @Override
        public FieldType getFieldType() {
            return FieldType.INT64;
        }

        @Override
        LocalTime read(Input input) throws IOException {
            return LocalTime.ofNanoOfDay(input.readInt64());
        }

        @Override
        public void writeTo(Output output, int number, LocalTime value, boolean repeated) throws IOException {
            output.writeInt64(number, value.toNanoOfDay(), repeated);
        }

        @Override
        public void transfer(Pipe pipe, Input input, Output output, int number, boolean repeated) throws IOException {
            output.writeInt64(number, input.readInt64(), repeated);
        }
    }

    /** Builds a value from seconds and a nano of the second in [0, 999999999]. */
    interface Factory<V> {
        V of(long seconds, long nanos);
    }

    /** A delegate writing a value as bytes: zigzag varint seconds, varint nanos. */
    static final class SecondsAndNanos<V> extends TimeDelegate<V> {
        private final java.util.function.ToLongFunction<V> seconds;
        private final java.util.function.ToIntFunction<V> nanos;
        private final Factory<V> factory;

        SecondsAndNanos(
                Class<V> type,
                DeserializationPolicy refusing,
                java.util.function.ToLongFunction<V> seconds,
                java.util.function.ToIntFunction<V> nanos,
                Factory<V> factory) {
            super(type, refusing);
            this.seconds = seconds;
            this.nanos = nanos;
            this.factory = factory;
        }

        @Override
        public FieldType getFieldType() {
            return FieldType.BYTES;
        }

        @Override
        V read(Input input) throws IOException {
            if (input instanceof ProtostuffInput direct) {
                return direct.readEmbedded(this);
            }
            byte[] bytes = input.readByteArray();
            return decode(bytes, 0, bytes.length, 0);
        }

        /**
         * Reads the value from {@code bytes[from]} to {@code end}, which must be all of it; {@code
         * bytes[i]} is at body offset {@code i - shift}.
         */
        V decode(byte[] bytes, int from, int end, int shift) {
            int nanoAt = varintEnd(bytes, from, end, shift);
            int after = varintEnd(bytes, nanoAt, end, shift);
            if (after != end) {
                throw invalid(typeClass(), "bytes after the value at body offset " + (after - shift));
            }
            long zigzag = varint(bytes, from);
            long nano = varint(bytes, nanoAt);
            if (nano < 0 || nano >= NANOS_PER_SECOND) {
                throw invalid(typeClass(), "nano of second " + nano + " (expected: 0 to 999999999)");
            }
            return factory.of(zigzag >>> 1 ^ -(zigzag & 1), nano);
        }

        @Override
        public void writeTo(Output output, int number, V value, boolean repeated) throws IOException {
            long second = seconds.applyAsLong(value);
            int nano = nanos.applyAsInt(value);
            if (output instanceof ByteBufOutput direct) {
                direct.writeSecondsAndNanos(number, second, nano);
                return;
            }
            long zigzag = second << 1 ^ second >> 63;
            byte[] bytes = new byte[ByteBufOutput.varintSize(zigzag) + ByteBufOutput.varintSize(nano)];
            writeVarint(bytes, writeVarint(bytes, 0, zigzag), nano);
            output.writeByteArray(number, bytes, repeated);
        }

        @Override
        public void transfer(Pipe pipe, Input input, Output output, int number, boolean repeated) throws IOException {
            input.transferByteRangeTo(output, false, number, repeated);
        }

        /** Where the varint at {@code p} ends, after checking that it ends before {@code end}. */
        private int varintEnd(byte[] bytes, int p, int end, int shift) {
            for (int count = 0; count < 10; count++) {
                if (p >= end) {
                    throw invalid(typeClass(), "truncated at body offset " + (p - shift));
                }
                if (bytes[p++] >= 0) {
                    return p;
                }
            }
            throw invalid(typeClass(), "varint longer than 10 bytes at body offset " + (p - shift));
        }

        /** The varint at {@code p}, which {@link #varintEnd} has checked. */
        private static long varint(byte[] bytes, int p) {
            long result = 0;
            for (int bits = 0; ; bits += 7) {
                byte b = bytes[p++];
                result |= (long) (b & 0x7F) << bits;
                if (b >= 0) {
                    return result;
                }
            }
        }

        /** Writes {@code value} at {@code index} and returns the index after it. */
        private static int writeVarint(byte[] out, int index, long value) {
            while ((value & ~0x7FL) != 0) {
                out[index++] = (byte) (value & 0x7F | 0x80);
                value >>>= 7;
            }
            out[index++] = (byte) value;
            return index;
        }
    }

    private static RpcException invalid(Class<?> type, String why) {
        return new RpcException(ErrorCode.SERIALIZATION, "malformed " + type.getName() + ": " + why);
    }
}
