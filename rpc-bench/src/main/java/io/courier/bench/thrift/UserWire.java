package io.courier.bench.thrift;

import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * {@link ThriftUser} and the calls' argument structs on libthrift's {@link TProtocol}, by hand, with the field ids of
 * the IDL Courier derives from {@link ThriftUserService}:
 *
 * <pre>
 * struct ThriftUser { 1: i64 id  2: string name  3: i32 sex  4: i32 birthdayEpochDay  5: string email
 *   6: string mobile  7: string address  8: string icon  9: list&lt;i32&gt; permissions  10: i32 status
 *   11: i64 createTimeMillis  12: i64 updateTimeMillis }
 * service ThriftUserService { bool existUser(1: string email)  ThriftUser getUser(1: i64 id) }
 * </pre>
 *
 * What generated code does, without a Thrift compiler in the build. Unknown fields are skipped, as generated code
 * skips them.
 */
final class UserWire {

    private static final TStruct USER = new TStruct("ThriftUser");
    private static final TStruct ARGS = new TStruct("args");

    private UserWire() {}

    static void writeUser(TProtocol out, ThriftUser user) throws TException {
        out.writeStructBegin(USER);
        i64(out, 1, user.id());
        string(out, 2, user.name());
        i32(out, 3, user.sex());
        i32(out, 4, user.birthdayEpochDay());
        string(out, 5, user.email());
        string(out, 6, user.mobile());
        string(out, 7, user.address());
        string(out, 8, user.icon());
        out.writeFieldBegin(new TField("permissions", TType.LIST, (short) 9));
        out.writeListBegin(new TList(TType.I32, user.permissions().size()));
        for (int permission : user.permissions()) {
            out.writeI32(permission);
        }
        out.writeListEnd();
        out.writeFieldEnd();
        i32(out, 10, user.status());
        i64(out, 11, user.createTimeMillis());
        i64(out, 12, user.updateTimeMillis());
        out.writeFieldStop();
        out.writeStructEnd();
    }

    static ThriftUser readUser(TProtocol in) throws TException {
        long id = 0;
        String name = null;
        int sex = 0;
        int birthday = 0;
        String email = null;
        String mobile = null;
        String address = null;
        String icon = null;
        List<Integer> permissions = List.of();
        int status = 0;
        long created = 0;
        long updated = 0;
        in.readStructBegin();
        for (TField field = in.readFieldBegin(); field.type != TType.STOP; field = in.readFieldBegin()) {
            switch (field.id) {
                case 1 -> id = in.readI64();
                case 2 -> name = in.readString();
                case 3 -> sex = in.readI32();
                case 4 -> birthday = in.readI32();
                case 5 -> email = in.readString();
                case 6 -> mobile = in.readString();
                case 7 -> address = in.readString();
                case 8 -> icon = in.readString();
                case 9 -> permissions = readI32List(in);
                case 10 -> status = in.readI32();
                case 11 -> created = in.readI64();
                case 12 -> updated = in.readI64();
                default -> TProtocolUtil.skip(in, field.type);
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        return new ThriftUser(
                id, name, sex, birthday, email, mobile, address, icon, permissions, status, created, updated);
    }

    private static List<Integer> readI32List(TProtocol in) throws TException {
        TList list = in.readListBegin();
        List<Integer> values = new ArrayList<>(list.size);
        for (int i = 0; i < list.size; i++) {
            values.add(in.readI32());
        }
        in.readListEnd();
        return values;
    }

    /** An argument struct whose field 1 is {@code argument} (a String or a Long). */
    static void writeArgs(TProtocol out, Object argument) throws TException {
        out.writeStructBegin(ARGS);
        if (argument instanceof String text) {
            string(out, 1, text);
        } else {
            i64(out, 1, (Long) argument);
        }
        out.writeFieldStop();
        out.writeStructEnd();
    }

    /** Field 1 of an argument struct, of {@code type} ({@link TType#STRING} or {@link TType#I64}); others skipped. */
    static Object readArgs(TProtocol in, byte type) throws TException {
        Object argument = null;
        in.readStructBegin();
        for (TField field = in.readFieldBegin(); field.type != TType.STOP; field = in.readFieldBegin()) {
            if (field.id == 1 && field.type == type) {
                argument = type == TType.STRING ? in.readString() : (Object) in.readI64();
            } else {
                TProtocolUtil.skip(in, field.type);
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        return argument;
    }

    private static void i64(TProtocol out, int id, long value) throws TException {
        out.writeFieldBegin(new TField("", TType.I64, (short) id));
        out.writeI64(value);
        out.writeFieldEnd();
    }

    private static void i32(TProtocol out, int id, int value) throws TException {
        out.writeFieldBegin(new TField("", TType.I32, (short) id));
        out.writeI32(value);
        out.writeFieldEnd();
    }

    private static void string(TProtocol out, int id, String value) throws TException {
        if (value != null) {
            out.writeFieldBegin(new TField("", TType.STRING, (short) id));
            out.writeString(value);
            out.writeFieldEnd();
        }
    }
}
