package io.courier.bench.raw;

import io.courier.bench.workload.Page;
import io.courier.bench.workload.User;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The frame layout and the hand-written encoding of the workload's values.
 *
 * <pre>
 * +----------+-------------------+----------+---------------------+
 * | length   | request id        | kind     | payload             |
 * | int32    | int64             | int8     | length - 9 bytes    |
 * +----------+-------------------+----------+---------------------+
 * </pre>
 *
 * {@code length} counts the bytes after itself. In a request {@code kind} is the called method ({@link #EXIST_USER}
 * ...); in a response it is {@link #OK} (payload: the result) or {@link #ERROR} (payload: a message string).
 *
 * <p>Values: a string is an int32 byte count ({@code -1} for null) and UTF-8 bytes; a nullable object starts with a
 * presence byte; a date is its epoch day; a date-time is epoch second (UTC) and nano; a list of integers is an int32
 * count ({@code -1} for null) and the int32 elements, which must not be null.
 */
final class WireFormat {

    static final int LENGTH_FIELD = 4;
    static final int MAX_FRAME = 8 * 1024 * 1024;

    static final byte EXIST_USER = 1;
    static final byte CREATE_USER = 2;
    static final byte GET_USER = 3;
    static final byte LIST_USER = 4;

    static final byte OK = 0;
    static final byte ERROR = 1;

    private WireFormat() {}

    /** Starts a frame: reserves the length and writes the header. */
    static void writeHeader(ByteBuf out, long requestId, byte kind) {
        out.writeInt(0);
        out.writeLong(requestId);
        out.writeByte(kind);
    }

    /** Completes a frame started at {@code start} by {@link #writeHeader}. */
    static void writeLength(ByteBuf out, int start) {
        out.setInt(start, out.writerIndex() - start - LENGTH_FIELD);
    }

    static void writeString(ByteBuf out, String value) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.writeUtf8(out, value);
        out.setInt(lengthAt, written);
    }

    static String readString(ByteBuf in) {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    static void writeDate(ByteBuf out, LocalDate value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.toEpochDay());
        }
    }

    static LocalDate readDate(ByteBuf in) {
        return in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
    }

    static void writeDateTime(ByteBuf out, LocalDateTime value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.toEpochSecond(ZoneOffset.UTC));
            out.writeInt(value.getNano());
        }
    }

    static LocalDateTime readDateTime(ByteBuf in) {
        return in.readBoolean() ? LocalDateTime.ofEpochSecond(in.readLong(), in.readInt(), ZoneOffset.UTC) : null;
    }

    static void writeInts(ByteBuf out, List<Integer> values) {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        int size = values.size();
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(values.get(i));
        }
    }

    static List<Integer> readInts(ByteBuf in) {
        int size = in.readInt();
        if (size < 0) {
            return null;
        }
        checkCount(size, in, Integer.BYTES);
        List<Integer> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readInt());
        }
        return values;
    }

    static void writeUser(ByteBuf out, User user) {
        out.writeBoolean(user != null);
        if (user == null) {
            return;
        }
        out.writeLong(user.getId());
        writeString(out, user.getName());
        out.writeInt(user.getSex());
        writeDate(out, user.getBirthday());
        writeString(out, user.getEmail());
        writeString(out, user.getMobile());
        writeString(out, user.getAddress());
        writeString(out, user.getIcon());
        writeInts(out, user.getPermissions());
        out.writeInt(user.getStatus());
        writeDateTime(out, user.getCreateTime());
        writeDateTime(out, user.getUpdateTime());
    }

    static User readUser(ByteBuf in) {
        if (!in.readBoolean()) {
            return null;
        }
        User user = new User();
        user.setId(in.readLong());
        user.setName(readString(in));
        user.setSex(in.readInt());
        user.setBirthday(readDate(in));
        user.setEmail(readString(in));
        user.setMobile(readString(in));
        user.setAddress(readString(in));
        user.setIcon(readString(in));
        user.setPermissions(readInts(in));
        user.setStatus(in.readInt());
        user.setCreateTime(readDateTime(in));
        user.setUpdateTime(readDateTime(in));
        return user;
    }

    static void writeUserPage(ByteBuf out, Page<User> page) {
        out.writeBoolean(page != null);
        if (page == null) {
            return;
        }
        out.writeInt(page.getPageNo());
        out.writeInt(page.getTotal());
        List<User> users = page.getResult();
        if (users == null) {
            out.writeInt(-1);
            return;
        }
        int size = users.size();
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            writeUser(out, users.get(i));
        }
    }

    static Page<User> readUserPage(ByteBuf in) {
        if (!in.readBoolean()) {
            return null;
        }
        Page<User> page = new Page<>();
        page.setPageNo(in.readInt());
        page.setTotal(in.readInt());
        int size = in.readInt();
        if (size >= 0) {
            // a user takes at least its presence byte
            checkCount(size, in, 1);
            List<User> users = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                users.add(readUser(in));
            }
            page.setResult(users);
        }
        return page;
    }

    /** Refuses a count the rest of the frame cannot hold, before anything is allocated for it. */
    private static void checkCount(int count, ByteBuf in, int minBytesEach) {
        if ((long) count * minBytesEach > in.readableBytes()) {
            throw new IllegalArgumentException(
                    "count: " + count + " (expected: <= " + in.readableBytes() / minBytesEach + ")");
        }
    }
}
