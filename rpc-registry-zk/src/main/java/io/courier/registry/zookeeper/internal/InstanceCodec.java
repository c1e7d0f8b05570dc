package io.courier.registry.zookeeper.internal;

import io.courier.api.ServiceInstance;
import io.courier.api.internal.document.DocumentException;
import io.courier.api.internal.document.Interner;

/**
 * A provider node's data: format 1 of {@link io.courier.api.internal.document.InstanceCodec}, the one
 * instance format of every registry and of the cache file; kept here under its old name for the
 * ZooKeeper registry's code and tests.
 */
public final class InstanceCodec {

    public static final int FORMAT = io.courier.api.internal.document.InstanceCodec.FORMAT;

    private InstanceCodec() {}

    public static byte[] encode(ServiceInstance instance) {
        return io.courier.api.internal.document.InstanceCodec.encode(instance);
    }

    /** @throws DocumentException naming the first defect */
    public static ServiceInstance decode(byte[] data) throws DocumentException {
        return io.courier.api.internal.document.InstanceCodec.decode(data);
    }

    /** @throws DocumentException naming the first defect */
    public static ServiceInstance decode(byte[] data, Interner interner) throws DocumentException {
        return io.courier.api.internal.document.InstanceCodec.decode(data, interner);
    }
}
