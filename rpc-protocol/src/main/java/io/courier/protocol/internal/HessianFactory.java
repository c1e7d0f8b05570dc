package io.courier.protocol.internal;

import com.alibaba.com.caucho.hessian.io.CollectionSerializer;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import com.alibaba.com.caucho.hessian.io.HessianProtocolException;
import com.alibaba.com.caucho.hessian.io.MapSerializer;
import com.alibaba.com.caucho.hessian.io.Serializer;
import com.alibaba.com.caucho.hessian.io.SerializerFactory;
import com.alibaba.com.caucho.hessian.io.StringValueDeserializer;
import com.alibaba.com.caucho.hessian.io.StringValueSerializer;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hessian's serializer factory with Courier's rules. For reading (one instance per policy): every
 * type name the input carries is judged by the policy before hessian may load it (hessian itself
 * would log and carry on with a map when loading fails), {@code java.lang.Class} values are refused
 * outright, and every deserializer is wrapped so that list lengths are charged against the element
 * budget before hessian allocates. For both directions: the JDK's unmodifiable collections are
 * written as plain lists and maps, and records get a serializer that uses their canonical
 * constructor.
 */
public final class HessianFactory extends SerializerFactory {

    /** Hessian's own names for built-in types, which name no class. */
    private static final Set<String> HESSIAN_TYPES = Set.of(
            "boolean",
            "byte",
            "short",
            "int",
            "long",
            "float",
            "double",
            "char",
            "string",
            "object",
            "date",
            "[boolean",
            "[byte",
            "[short",
            "[int",
            "[long",
            "[float",
            "[double",
            "[char",
            "[string",
            "[object");

    /** Hessian's value carriers for JDK types it cannot write field by field, by exact name. */
    private static final Set<String> HESSIAN_HANDLES = Set.of(
            "com.alibaba.com.caucho.hessian.io.BitSetHandle",
            "com.alibaba.com.caucho.hessian.io.CalendarHandle",
            "com.alibaba.com.caucho.hessian.io.LocaleHandle",
            "com.alibaba.com.caucho.hessian.io.java8.DurationHandle",
            "com.alibaba.com.caucho.hessian.io.java8.InstantHandle",
            "com.alibaba.com.caucho.hessian.io.java8.LocalDateHandle",
            "com.alibaba.com.caucho.hessian.io.java8.LocalDateTimeHandle",
            "com.alibaba.com.caucho.hessian.io.java8.LocalTimeHandle",
            "com.alibaba.com.caucho.hessian.io.java8.MonthDayHandle",
            "com.alibaba.com.caucho.hessian.io.java8.OffsetDateTimeHandle",
            "com.alibaba.com.caucho.hessian.io.java8.OffsetTimeHandle",
            "com.alibaba.com.caucho.hessian.io.java8.PeriodHandle",
            "com.alibaba.com.caucho.hessian.io.java8.YearHandle",
            "com.alibaba.com.caucho.hessian.io.java8.YearMonthHandle",
            "com.alibaba.com.caucho.hessian.io.java8.ZoneIdHandle",
            "com.alibaba.com.caucho.hessian.io.java8.ZoneOffsetHandle",
            "com.alibaba.com.caucho.hessian.io.java8.ZonedDateTimeHandle");

    private final DeserializationPolicy policy;
    private final CollectionSerializer plainList = new CollectionSerializer();
    private final MapSerializer plainMap = new MapSerializer();
    private final Map<String, Boolean> found = new ConcurrentHashMap<>();
    /*
     * What reading asked for before, by class and by allowed name: a policy's answers never change
     * (DeserializationPolicy), so each is worked out once per factory, not once per value read (an
     * event or a call of one record type asked again for every field). Refusals are not kept.
     */
    private final Map<Class<?>, Deserializer> byClass = new ConcurrentHashMap<>();
    private final Map<String, Deserializer> byName = new ConcurrentHashMap<>();
    private final Serializer bigIntegerWriter = new StringValueSerializer();
    private final Deserializer bigIntegerReader = new StringValueDeserializer(BigInteger.class);

    /** A factory for writing ({@code policy == null}) or for reading under {@code policy}. */
    public HessianFactory(DeserializationPolicy policy, ClassLoader loader) {
        super(loader);
        this.policy = policy;
        setAllowNonSerializable(true);
        plainList.setSendJavaType(false);
        plainMap.setSendJavaType(false);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Serializer getSerializer(Class cl) throws HessianProtocolException {
        if (cl.getName().startsWith("java.util.") && cl.getName().indexOf('$') > 0) {
            // Unmodifiable and immutable JDK collections: hessian cannot reflect into them.
            if (Collection.class.isAssignableFrom(cl)) {
                return plainList;
            }
            if (Map.class.isAssignableFrom(cl)) {
                return plainMap;
            }
        }
        if (cl.isRecord()) {
            return HessianRecords.serializer(cl);
        }
        if (cl == BigInteger.class) {
            // hessian reflects into BigInteger's fields, which Java 17 closes; its text is its value
            return bigIntegerWriter;
        }
        Serializer timeHandle = HessianTimeHandles.of(cl);
        if (timeHandle != null) {
            return timeHandle;
        }
        return super.getSerializer(cl);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Deserializer getDeserializer(Class cl) throws HessianProtocolException {
        if (policy == null) {
            return deserializerOf(cl);
        }
        Deserializer known = byClass.get(cl);
        if (known == null) {
            known = deserializerOf(cl);
            if (known != null) {
                byClass.putIfAbsent(cl, known);
            }
        }
        return known;
    }

    @SuppressWarnings("rawtypes")
    private Deserializer deserializerOf(Class cl) throws HessianProtocolException {
        Deserializer timeHandle = HessianTimeHandles.reader(cl);
        if (timeHandle != null) {
            return policy == null ? timeHandle : new LimitedDeserializer(timeHandle, policy);
        }
        if (policy == null) {
            return super.getDeserializer(cl);
        }
        if (cl == Class.class) {
            throw new RpcException(ErrorCode.SERIALIZATION, "class java.lang.Class is not allowed");
        }
        if (cl.isRecord()) {
            return new LimitedDeserializer(HessianRecords.deserializer(cl), policy);
        }
        if (cl == BigInteger.class) {
            return bigIntegerReader;
        }
        if (cl.getName().startsWith("java.time.")) {
            // Well-formed input carries java.time values as handles and never asks for this; only
            // malformed input does, and hessian would reflect into closed fields to serve it.
            throw new RpcException(
                    ErrorCode.SERIALIZATION, "class " + cl.getName() + " is only accepted as a hessian handle");
        }
        Deserializer deserializer = super.getDeserializer(cl);
        return deserializer == null ? null : new LimitedDeserializer(deserializer, policy);
    }

    @Override
    public Deserializer getDeserializer(String type) throws HessianProtocolException {
        if (policy == null || type == null || type.isEmpty()) {
            return super.getDeserializer(type);
        }
        Deserializer known = byName.get(type);
        if (known == null) {
            known = deserializerNamed(type);
            if (known != null) {
                // only names the policy allowed and that name a class (or hessian's own types) get here
                byName.putIfAbsent(type, known);
            }
        }
        return known;
    }

    private Deserializer deserializerNamed(String type) throws HessianProtocolException {
        if (!HESSIAN_TYPES.contains(type) && !isHessianHandle(type)) {
            policy.checkClass(type);
            if (type.startsWith("java.time.")) {
                // hessian writes java.time values as its handles; by name they would be rebuilt by
                // reflection into fields Java 17 keeps closed, half-initialized
                throw new RpcException(
                        ErrorCode.SERIALIZATION, "class " + type + " is only accepted as a hessian handle");
            }
        }
        if (type.equals(BigInteger.class.getName())) {
            return bigIntegerReader;
        }
        checkExists(type);
        Deserializer deserializer = super.getDeserializer(type);
        return deserializer == null || deserializer instanceof LimitedDeserializer
                ? deserializer
                : new LimitedDeserializer(deserializer, policy);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Deserializer getListDeserializer(String type, Class cl) throws HessianProtocolException {
        Deserializer deserializer = super.getListDeserializer(type, cl);
        return policy == null || deserializer == null || deserializer instanceof LimitedDeserializer
                ? deserializer
                : new LimitedDeserializer(deserializer, policy);
    }

    private static boolean isHessianHandle(String type) {
        return HESSIAN_HANDLES.contains(type);
    }

    /**
     * Refuses an allowed name that names no class: hessian would log it and remember it forever in
     * a static cache, which a peer could fill with invented names. Found classes are remembered
     * here (as many as exist), missing ones never.
     */
    private void checkExists(String type) {
        if (HESSIAN_TYPES.contains(type) || found.containsKey(type)) {
            return;
        }
        String name = type;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.isEmpty() || HESSIAN_TYPES.contains(name) || name.length() == 1) {
            found.put(type, Boolean.TRUE);
            return;
        }
        try {
            Class.forName(name, false, getClassLoader());
            found.put(type, Boolean.TRUE);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new RpcException(ErrorCode.SERIALIZATION, "class " + Names.printable(type) + " not found");
        }
    }
}
