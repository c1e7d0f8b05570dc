package io.courier.protocol.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;

/**
 * The context class loader while protostuff reads: protostuff resolves every class named in its
 * input through the thread's context loader, so this loader asks the policy about the name first
 * and refuses it, as an {@code RpcException}, before anything is loaded. Allowed names load from
 * the parent without initialization.
 */
final class PolicyClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final DeserializationPolicy policy;

    PolicyClassLoader(DeserializationPolicy policy, ClassLoader parent) {
        super(parent);
        this.policy = policy;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) {
        policy.checkClass(name);
        try {
            return Class.forName(name, false, getParent());
        } catch (ClassNotFoundException | LinkageError e) {
            // Not ClassNotFoundException: protostuff would retry with an initializing Class.forName.
            throw new RpcException(ErrorCode.SERIALIZATION, "class " + Names.printable(name) + " not found");
        }
    }
}
