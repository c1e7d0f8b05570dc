package io.courier.grpc;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import java.util.concurrent.Flow;

/** A service on protobuf's well-known messages that shows gRPC callers what the provider path gave it. */
public interface Probe {

    /** The request attachment named {@code key}, or "(none)". */
    StringValue attachment(StringValue key);

    /** The subject of the caller's verified identity, or "(anonymous)". */
    StringValue whoAmI(StringValue ignored);

    /** Milliseconds left of the call's deadline, or -1 without one. */
    Int64Value remainingMillis(StringValue ignored);

    /** Counts down from {@code from} to 1, one message each: a server stream. */
    Flow.Publisher<StringValue> countdown(Int64Value from);

    /** Sleeps {@code millis} (the value's text) on the executor's thread, then echoes it; counted. */
    StringValue slow(StringValue millis);
}
