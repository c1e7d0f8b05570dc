package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.protocol.model.InsufficientFundsException;
import io.courier.protocol.serialization.HessianSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The first hessian call of a JVM on Java 17 prints nothing: hessian-lite's factory class reaches
 * into closed JDK fields when it is initialized, which printed about fifteen {@code
 * InaccessibleObjectException} stack traces. A fresh JVM, because a class is initialized once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HessianStartTest {

    /** Round-trips an exception (stack trace elements included) and a text through hessian. */
    public static final class FirstCall {
        public static void main(String[] args) {
            HessianSerializer hessian = new HessianSerializer();
            Object read = SerializerContractTest.roundTrip(
                    hessian, new InsufficientFundsException("short by 5", null), InsufficientFundsException.class);
            Object text = SerializerContractTest.roundTrip(hessian, "hello", String.class);
            System.out.println("read " + read.getClass().getSimpleName() + " and " + text);
        }
    }

    @Test
    void firstHessianCallOfAJvm_printsNoStackTrace() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Xshare:off",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FirstCall.class.getName()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("read InsufficientFundsException and hello");
        assertThat(output).doesNotContain("InaccessibleObjectException").doesNotContain("\tat ");
    }
}
