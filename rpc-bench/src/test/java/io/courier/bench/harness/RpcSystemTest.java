package io.courier.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcSystemTest {

    private static final String COURIER_HESSIAN = "/m2/com/alibaba/hessian-lite/3.2.13/hessian-lite-3.2.13.jar";
    private static final String DUBBO = "/m2/org/apache/dubbo/dubbo/3.3.6/dubbo-3.3.6.jar";
    private static final String DUBBO_HESSIAN = "/m2/org/apache/dubbo/hessian-lite/4.0.4/hessian-lite-4.0.4.jar";
    private static final String NETTY = "/m2/io/netty/netty-buffer/4.1.137.Final/netty-buffer-4.1.137.Final.jar";
    private static final String GRPC = "/m2/io/grpc/grpc-core/1.85.1/grpc-core-1.85.1.jar";
    private static final String GSON = "/m2/com/google/code/gson/gson/2.14.0/gson-2.14.0.jar";
    private static final String PROTOBUF = "/m2/com/google/protobuf/protobuf-java/3.25.9/protobuf-java-3.25.9.jar";
    private static final String CLASSPATH = String.join(
            File.pathSeparator,
            List.of("target/classes", COURIER_HESSIAN, DUBBO, DUBBO_HESSIAN, NETTY, GRPC, GSON, PROTOBUF));

    @Test
    void classpath_ofDubboDropsTheHessianLiteCourierUses() {
        assertThat(RpcSystem.DUBBO.classpath(CLASSPATH).split(File.pathSeparator))
                .containsExactly("target/classes", DUBBO, DUBBO_HESSIAN, NETTY, PROTOBUF);
    }

    @Test
    void classpath_ofRawDropsEveryDubboJar() {
        assertThat(RpcSystem.RAW.classpath(CLASSPATH).split(File.pathSeparator))
                .containsExactly("target/classes", COURIER_HESSIAN, NETTY, PROTOBUF);
    }

    @Test
    void classpath_ofCourierKeepsItsOwnHessianLite() {
        assertThat(RpcSystem.COURIER.classpath(CLASSPATH).split(File.pathSeparator))
                .containsExactly("target/classes", COURIER_HESSIAN, NETTY, PROTOBUF);
    }

    @Test
    void classpath_ofGrpcDropsEveryDubboJarAndKeepsItsOwn() {
        assertThat(RpcSystem.GRPC.classpath(CLASSPATH).split(File.pathSeparator))
                .containsExactly("target/classes", COURIER_HESSIAN, NETTY, GRPC, GSON, PROTOBUF);
    }

    @Test
    void classpath_ofTheOthersDropsTheJarsOnlyGrpcBrings() {
        for (RpcSystem system : List.of(RpcSystem.RAW, RpcSystem.DUBBO, RpcSystem.COURIER)) {
            assertThat(system.classpath(CLASSPATH).split(File.pathSeparator))
                    .as(system.id())
                    .doesNotContain(GRPC, GSON);
        }
    }

    @Test
    void of_findsASystemByItsIdAndNamesTheKnownOnesOtherwise() {
        assertThat(RpcSystem.of("dubbo")).isSameAs(RpcSystem.DUBBO);
        assertThat(RpcSystem.of("grpc")).isSameAs(RpcSystem.GRPC);
        assertThatThrownBy(() -> RpcSystem.of("thrift"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "system: thrift (expected one of: raw, dubbo, courier, courier-protostuff, courier-nogrpc, grpc, courier-dubbo, courier-grpc)");
    }

    @Test
    void loopback_keepsDubboOffTheAddressesItWouldReplace() {
        assertThat(RpcSystem.RAW.loopback()).isEqualTo("127.0.0.1");
        assertThat(RpcSystem.COURIER.loopback()).isEqualTo("127.0.0.1");
        assertThat(RpcSystem.GRPC.loopback()).isEqualTo("127.0.0.1");
        assertThat(RpcSystem.DUBBO.loopback()).isEqualTo("::1");
        assertThat(RpcSystem.COURIER_DUBBO.loopback()).isEqualTo("::1");
    }

    @Test
    void courierDubbo_runsItsServerOnCouriersJarsAndItsClientOnDubbos() {
        assertThat(RpcSystem.COURIER_DUBBO.serverClasspath(CLASSPATH).split(File.pathSeparator))
                .containsExactly("target/classes", COURIER_HESSIAN, NETTY, PROTOBUF);
        assertThat(RpcSystem.COURIER_DUBBO.clientClasspath(CLASSPATH).split(File.pathSeparator))
                .containsExactly("target/classes", DUBBO, DUBBO_HESSIAN, NETTY, PROTOBUF);
        assertThat(RpcSystem.COURIER.serverClasspath(CLASSPATH)).isEqualTo(RpcSystem.COURIER.classpath(CLASSPATH));
        assertThat(RpcSystem.DUBBO.clientClasspath(CLASSPATH)).isEqualTo(RpcSystem.DUBBO.classpath(CLASSPATH));
    }
}
