package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import io.courier.bootstrap.Courier;
import io.courier.grpc.users.UserService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server reflection as a client that knows nothing but reflection uses it: list the services, fetch the
 * file of one (with its imports), build its descriptors, and call a method with dynamic messages; with
 * grpc-java's own generated reflection stubs, v1 and v1alpha.
 */
@Timeout(60)
class GrpcReflectionTest {

    private Courier provider;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        provider = Courier.builder()
                .application("grpc-reflection")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(new GrpcProviderPathTest.ProbeService())
                .export(new GrpcProviderPathTest.FriendlyGreeter())
                .export(new InterfaceFirstUsers())
                .start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", provider.port())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        provider.close();
    }

    @Test
    void listFetchAndCall_throughReflectionAlone() throws Exception {
        List<ServerReflectionResponse> answers = ask(
                ServerReflectionRequest.newBuilder().setListServices("").build(),
                ServerReflectionRequest.newBuilder()
                        .setFileContainingSymbol(Probe.class.getName())
                        .build(),
                ServerReflectionRequest.newBuilder()
                        .setFileContainingSymbol("no.such.Symbol")
                        .build());
        // the Greeter is a nested interface, whose name ($) is not a protobuf name: not listed; the
        // server's own health and reflection services are, as a grpc-java server lists them
        assertThat(answers.get(0).getListServicesResponse().getServiceList())
                .extracting(s -> s.getName())
                .containsExactlyInAnyOrder(
                        Probe.class.getName(),
                        UserService.class.getName(),
                        "grpc.health.v1.Health",
                        "grpc.reflection.v1.ServerReflection",
                        "grpc.reflection.v1alpha.ServerReflection");
        assertThat(answers.get(2).getErrorResponse().getErrorCode()).isEqualTo(5);
        // the health service listed is described too, and its file builds as protoc's would
        List<ServerReflectionResponse> health = ask(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("grpc.health.v1.Health")
                .build());
        List<FileDescriptorProto> healthFiles = new ArrayList<>();
        for (var bytes : health.get(0).getFileDescriptorResponse().getFileDescriptorProtoList()) {
            healthFiles.add(FileDescriptorProto.parseFrom(bytes));
        }
        ServiceDescriptor healthService = build("grpc/health/v1/health.proto", healthFiles, new HashMap<>())
                .findServiceByName("Health");
        assertThat(healthService.findMethodByName("Watch").isServerStreaming()).isTrue();
        assertThat(healthService.findMethodByName("Check").getOutputType().toProto())
                .isEqualTo(io.grpc.health.v1.HealthCheckResponse.getDescriptor().toProto());
        assertThat(healthService.findMethodByName("Check").getInputType().toProto())
                .isEqualTo(io.grpc.health.v1.HealthCheckRequest.getDescriptor().toProto());

        Map<String, FileDescriptor> built = new HashMap<>();
        List<FileDescriptorProto> protos = new ArrayList<>();
        for (var bytes : answers.get(1).getFileDescriptorResponse().getFileDescriptorProtoList()) {
            protos.add(FileDescriptorProto.parseFrom(bytes));
        }
        FileDescriptor file = build(protos.get(0).getName(), protos, built);
        ServiceDescriptor service = file.findServiceByName("Probe");
        MethodDescriptor attachment = service.findMethodByName("Attachment");
        Descriptor input = attachment.getInputType();
        DynamicMessage request = DynamicMessage.newBuilder(input)
                .setField(input.findFieldByName("value"), "x-missing")
                .build();
        DynamicMessage answer =
                ClientCalls.blockingUnaryCall(channel, grpcMethod(service, attachment), CallOptions.DEFAULT, request);
        assertThat(answer.getField(attachment.getOutputType().findFieldByName("value")))
                .isEqualTo("(none)");
    }

    @Test
    void anInterfaceFirstService_isDescribedWithItsDerivedMessages_andCalledThroughReflectionAlone() throws Exception {
        List<ServerReflectionResponse> answers = ask(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("io.courier.grpc.users.PageOfUser")
                .build());
        List<FileDescriptorProto> protos = new ArrayList<>();
        for (var bytes : answers.get(0).getFileDescriptorResponse().getFileDescriptorProtoList()) {
            protos.add(FileDescriptorProto.parseFrom(bytes));
        }
        assertThat(protos)
                .extracting(FileDescriptorProto::getName)
                .containsExactly("courier/io/courier/grpc/users/UserService.proto", "google/protobuf/timestamp.proto");
        FileDescriptor file = build(protos.get(0).getName(), protos, new HashMap<>());
        ServiceDescriptor service = file.findServiceByName("UserService");
        MethodDescriptor getUser = service.findMethodByName("GetUser");
        DynamicMessage request = DynamicMessage.newBuilder(getUser.getInputType())
                .setField(getUser.getInputType().findFieldByName("id"), 3L)
                .build();
        DynamicMessage user =
                ClientCalls.blockingUnaryCall(channel, grpcMethod(service, getUser), CallOptions.DEFAULT, request);
        Descriptor userType = getUser.getOutputType();
        assertThat(user.getField(userType.findFieldByName("name"))).isEqualTo("user-3");
        DynamicMessage lastLogin = (DynamicMessage) user.getField(userType.findFieldByName("lastLogin"));
        assertThat(lastLogin.getField(lastLogin.getDescriptorForType().findFieldByName("seconds")))
                .isEqualTo(1_700_000_003L);
    }

    @Test
    void v1alpha_answersAsV1() throws Exception {
        CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel)
                        .serverReflectionInfo(new StreamObserver<>() {
                            @Override
                            public void onNext(io.grpc.reflection.v1alpha.ServerReflectionResponse value) {
                                answer.complete(value);
                            }

                            @Override
                            public void onError(Throwable t) {
                                answer.completeExceptionally(t);
                            }

                            @Override
                            public void onCompleted() {}
                        });
        requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
                .setListServices("")
                .build());
        assertThat(answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList())
                .extracting(s -> s.getName())
                .containsExactlyInAnyOrder(
                        Probe.class.getName(),
                        UserService.class.getName(),
                        "grpc.health.v1.Health",
                        "grpc.reflection.v1.ServerReflection",
                        "grpc.reflection.v1alpha.ServerReflection");
        requests.onCompleted();
    }

    private List<ServerReflectionResponse> ask(ServerReflectionRequest... questions) throws Exception {
        LinkedBlockingQueue<ServerReflectionResponse> answers = new LinkedBlockingQueue<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answers.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        for (ServerReflectionRequest question : questions) {
            requests.onNext(question);
        }
        requests.onCompleted();
        done.get(10, TimeUnit.SECONDS);
        assertThat(answers).hasSize(questions.length);
        return new ArrayList<>(answers);
    }

    private static FileDescriptor build(
            String name, List<FileDescriptorProto> protos, Map<String, FileDescriptor> built) throws Exception {
        FileDescriptor known = built.get(name);
        if (known != null) {
            return known;
        }
        FileDescriptorProto proto = protos.stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("reflection sent no file " + name));
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String dependency : proto.getDependencyList()) {
            dependencies.add(build(dependency, protos, built));
        }
        FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
        built.put(name, file);
        return file;
    }

    private static io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod(
            ServiceDescriptor service, MethodDescriptor method) {
        return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(
                        io.grpc.MethodDescriptor.generateFullMethodName(service.getFullName(), method.getName()))
                .setRequestMarshaller(marshaller(method.getInputType()))
                .setResponseMarshaller(marshaller(method.getOutputType()))
                .build();
    }

    private static io.grpc.MethodDescriptor.Marshaller<DynamicMessage> marshaller(Descriptor type) {
        return new io.grpc.MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(DynamicMessage value) {
                return value.toByteString().newInput();
            }

            @Override
            public DynamicMessage parse(InputStream stream) {
                try {
                    return DynamicMessage.parseFrom(type, stream);
                } catch (IOException e) {
                    throw new IllegalArgumentException(e);
                }
            }
        };
    }
}
