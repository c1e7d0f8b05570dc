package io.courier.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.Bytes;
import io.courier.protocol.ExportedService;
import io.courier.protocol.GadgetBytes;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.SerializerContractTest;
import io.courier.protocol.ServerStandIn;
import io.courier.protocol.gadget.CanaryFlag;
import io.courier.protocol.gadget.Decoy;
import io.courier.protocol.gadget.DecoyException;
import io.courier.protocol.internal.Header;
import io.courier.protocol.internal.Wire;
import io.courier.protocol.model.Envelope;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.courier.protocol.serialization.Serializers;
import io.courier.protocol.testing.SuiteSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gadget class names in every position a value can take, under both serializers (and every {@link
 * SuiteSerializer} of a module that runs this suite from the test-jar): each is refused
 * by name, with SERIALIZATION naming the class (an exception becomes a RemoteException naming it),
 * and the canary is never initialized.
 */
public class GadgetRefusalTest {

    static final String DECOY = Decoy.class.getName();
    static final String DECOY_EXCEPTION = DecoyException.class.getName();
    public static final ServiceDescriptor SERVICE = ServiceDescriptor.of(ModelService.class);
    static final ServiceKey KEY = ServiceKey.of(ModelService.class);

    static Stream<Arguments> cases() {
        List<String> gadgets = List.of(
                "com.sun.rowset.JdbcRowSetImpl",
                "javax.script.ScriptEngineManager",
                "java.net.URLClassLoader",
                "java.lang.ProcessBuilder",
                "io.courier.protocol.gadget.Canary");
        Stream<Serializer> extras =
                SuiteSerializer.installed().stream().map(extra -> extra.bound(SERVICE, SerializerContractTest.POLICY));
        return Stream.concat(Stream.of(new ProtostuffSerializer(), new HessianSerializer()), extras)
                .flatMap(serializer -> gadgets.stream().map(gadget -> Arguments.of(serializer, gadget)));
    }

    @AfterAll
    static void canaryNeverInitialized() {
        assertThat(CanaryFlag.INITIALIZED).isFalse();
    }

    private final ProtocolOptions options = ProtocolOptions.defaults();

    private RpcException refusedArgument(Serializer serializer, String method, byte[] argument) {
        Serializers serializers = Serializers.of(serializer);
        BodyDecoder bodies = new BodyDecoder(options, serializers);
        ExportedService service = ExportedService.of(KEY, SERVICE, List.of(serializer), SerializerContractTest.POLICY);
        byte[] body = Bytes.requestBody(KEY.toString(), method, Map.of(), argument);
        InboundRequest request = new InboundRequest(1, serializer.id(), false, Unpooled.wrappedBuffer(body));
        try {
            bodies.decodeRequest(request, key -> service);
            throw new AssertionError("accepted");
        } catch (RpcException e) {
            return e;
        } finally {
            request.release();
        }
    }

    private Object response(Serializer serializer, byte[] body, Type type) {
        BodyDecoder bodies = new BodyDecoder(options, Serializers.of(serializer));
        InboundResponse response = new InboundResponse(1, serializer.id(), 0, Unpooled.wrappedBuffer(body));
        try {
            return bodies.decodeResponse(response, type, serializer, SerializerContractTest.POLICY);
        } finally {
            response.release();
        }
    }

    private static void assertRefused(RpcException e, String gadget) {
        assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
        assertThat(e.getMessage()).contains("class " + gadget + " is not allowed");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gadgetAsArgument_isRefusedByName(Serializer serializer, String gadget) {
        byte[] argument = GadgetBytes.renamed(serializer, new Decoy(), Object.class, DECOY, gadget);
        assertRefused(refusedArgument(serializer, "anything(java.lang.Object)", argument), gadget);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gadgetAsMapKey_isRefusedByName(Serializer serializer, String gadget) {
        Map<Object, String> map = new HashMap<>();
        map.put(new Decoy(), "v");
        byte[] argument = GadgetBytes.renamed(serializer, map, Map.class, DECOY, gadget);
        assertRefused(refusedArgument(serializer, "keyed(java.util.Map)", argument), gadget);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gadgetInPolymorphicField_isRefusedByName(Serializer serializer, String gadget) {
        byte[] argument =
                GadgetBytes.renamed(serializer, new Envelope("x", new Decoy()), Envelope.class, DECOY, gadget);
        assertRefused(refusedArgument(serializer, "wrap(io.courier.protocol.model.Envelope)", argument), gadget);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gadgetAsResult_isRefusedByName(Serializer serializer, String gadget) {
        byte[] value = GadgetBytes.renamed(serializer, new Decoy(), Object.class, DECOY, gadget);
        byte[] body = Bytes.concat(new byte[] {0, ResponseWriter.KIND_VALUE}, value);
        assertThatThrownBy(() -> response(serializer, body, Object.class))
                .isInstanceOfSatisfying(RpcException.class, e -> assertRefused(e, gadget));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gadgetAsException_arrivesAsRemoteExceptionNamingIt(Serializer serializer, String gadget) {
        byte[] value =
                GadgetBytes.renamed(serializer, new DecoyException("boom"), Throwable.class, DECOY_EXCEPTION, gadget);
        ByteBuf section = Unpooled.buffer();
        Wire.writeVarint(section, 0);
        section.writeByte(ResponseWriter.KIND_EXCEPTION);
        Wire.writeString(section, gadget);
        Wire.writeNullableString(section, "boom");
        Wire.writeVarint(section, 0);
        section.writeByte(1);
        byte[] body = Bytes.concat(Bytes.array(section), value);

        RpcResult result = (RpcResult) response(serializer, body, Object.class);

        assertThat(result.exception()).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.remoteClassName()).isEqualTo(gadget);
            assertThat(e.getMessage()).isEqualTo(gadget + ": boom");
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gadgetFramesThroughTheDecoder_neverReachAService(Serializer serializer, String gadget) {
        byte[] argument = GadgetBytes.renamed(serializer, new Decoy(), Object.class, DECOY, gadget);
        byte[] frame = Bytes.frame(
                serializer.id(),
                0,
                0,
                9,
                Bytes.requestBody(KEY.toString(), "anything(java.lang.Object)", Map.of(), argument));
        Serializers serializers = Serializers.of(serializer);
        ExportedService service = ExportedService.of(KEY, SERVICE, List.of(serializer), SerializerContractTest.POLICY);
        ServerStandIn standIn = new ServerStandIn(new BodyDecoder(options, serializers), key -> service, serializers);
        io.netty.channel.embedded.EmbeddedChannel channel = new io.netty.channel.embedded.EmbeddedChannel(
                new FrameEncoder(options), new FrameDecoder(options, serializers), standIn);
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(frame));
            assertThat(standIn.delivered).isEmpty();
            assertThat(standIn.bodyErrors).singleElement().satisfies(e -> assertRefused(e, gadget));
            ByteBuf answer = channel.readOutbound();
            try {
                assertThat((int) answer.getUnsignedByte(Header.STATUS_OFFSET))
                        .isEqualTo(ErrorCode.SERIALIZATION.code());
            } finally {
                answer.release();
            }
            assertThat(channel.isOpen()).isTrue();
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
