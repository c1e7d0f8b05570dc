package io.courier.grpc;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;

/** A service on protobuf's well-known messages that shows gRPC callers what the provider path gave it. */
public interface Probe {

    /** The request attachment named {@code key}, or "(none)". */
    StringValue attachment(StringValue key);

    /** Milliseconds left of the call's deadline, or -1 without one. */
    Int64Value remainingMillis(StringValue ignored);

    /** Sleeps {@code millis} (the value's text) on the executor's thread, then echoes it; counted. */
    StringValue slow(StringValue millis);
}
