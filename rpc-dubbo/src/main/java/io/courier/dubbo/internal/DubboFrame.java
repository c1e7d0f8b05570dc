package io.courier.dubbo.internal;

/**
 * One frame read from a Dubbo peer: its header's fields (the status is a response's) and its body, copied out of the connection's
 * buffers (bodies are small, and a copy leaves nothing to release on the many ways a call can end).
 */
public record DubboFrame(byte flags, byte status, long id, byte[] body) {

    public boolean request() {
        return (flags & DubboFrames.FLAG_REQUEST) != 0;
    }

    public boolean twoWay() {
        return (flags & DubboFrames.FLAG_TWO_WAY) != 0;
    }

    public boolean event() {
        return (flags & DubboFrames.FLAG_EVENT) != 0;
    }

    public int serialization() {
        return flags & DubboFrames.SERIALIZATION_MASK;
    }
}
