package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import io.courier.bootstrap.Courier;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A {@link GrpcService} name puts an interface at the path an existing {@code .proto}'s stubs call. */
@Timeout(60)
class GrpcServiceNameTest {

    /** Implements {@code acme.v1.Echo} of some team's existing {@code .proto}. */
    @GrpcService("acme.v1.Echo")
    public interface Echo {
        StringValue say(StringValue text);
    }

    public static final class Echoes implements Echo {
        @Override
        public StringValue say(StringValue text) {
            return StringValue.of("echo: " + text.getValue());
        }
    }

    @Test
    void theAnnotatedName_isThePath_andTheSchemasName() throws Exception {
        assertThat(GrpcSchemas.protoFile(Echo.class))
                .contains("package acme.v1;")
                .contains("service Echo {")
                .contains("rpc Say (.google.protobuf.StringValue) returns (.google.protobuf.StringValue);");
        try (Courier provider = Courier.builder()
                .application("grpc-named")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(new Echoes())
                .start()) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", provider.port())
                    .usePlaintext()
                    .build();
            try {
                MethodDescriptor<StringValue, StringValue> say = MethodDescriptor.<StringValue, StringValue>newBuilder()
                        .setType(MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName("acme.v1.Echo/Say")
                        .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                        .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                        .build();
                assertThat(ClientCalls.blockingUnaryCall(channel, say, CallOptions.DEFAULT, StringValue.of("hi"))
                                .getValue())
                        .isEqualTo("echo: hi");
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }
}
