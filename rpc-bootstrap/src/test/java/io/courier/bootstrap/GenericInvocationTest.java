package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.GenericService;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import io.courier.protocol.json.ServiceMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Calls by method name with JSON arguments, from an application that has no use of the interface. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GenericInvocationTest {

    static final ServiceKey KEY = ServiceKey.of(CallService.class);
    static Courier provider;
    static Courier caller;
    static GenericService calls;

    @BeforeAll
    static void start() {
        provider = Environments.embedded("generic-provider")
                .export(new RecordingCallService())
                .start();
        caller = Environments.embedded("generic-caller").start();
        await().atMost(Duration.ofSeconds(15)).until(() -> caller.metadata(KEY).isPresent());
        calls = caller.generic(KEY);
    }

    @AfterAll
    static void stop() {
        caller.close();
        provider.close();
    }

    @Test
    void metadata_namesParametersAndTypes_oncePerServiceKey() {
        ServiceMetadata metadata = caller.metadata(KEY).orElseThrow();
        assertThat(caller.servicesWithMetadata()).contains(KEY);
        ServiceMetadata.MethodMetadata echo = metadata.methods().stream()
                .filter(m -> m.name().equals("echo"))
                .findFirst()
                .orElseThrow();
        assertThat(echo.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("text");
            assertThat(p.schema().path("type").asText()).isEqualTo("string");
        });
        assertThat(metadata.methods())
                .filteredOn(m -> m.name().equals("record"))
                .singleElement()
                .satisfies(m -> assertThat(m.oneway()).isTrue());
        assertThat(metadata.digest()).hasSize(64);
        assertThat(calls.methodNames())
                .contains("echo", "add", "sizes", "record")
                .doesNotContain("greet");
    }

    @Test
    void callsByPositionAndByName_returnJson() {
        assertThat(call("echo", "[\"hi\"]")).isEqualTo("\"hi\"");
        assertThat(call("echo", "{\"text\":\"by name\"}")).isEqualTo("\"by name\"");
        assertThat(call("add", "[1,2]")).isEqualTo("3");
        assertThat(call("add", "[\"a\",\"b\"]")).isEqualTo("\"ab\"");
        assertThat(call("add", "[4000000000,1]")).isEqualTo("1004000000001"); // the fixture marks the long overload
        assertThat(call("sizes", "{\"values\":{\"a\":[1,2,3]}}")).isEqualTo("{\"a\":3}");
        assertThat(call("echo", "[null]")).isEqualTo("null");
    }

    @Test
    void businessExceptions_arriveWithClassAndMessage() {
        assertThatThrownBy(() -> call("refuse", "[\"no\"]"))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(RemoteException.class)
                .satisfies(
                        e -> assertThat(((RemoteException) e).remoteClassName()).endsWith("BusinessException"))
                .hasMessageContaining("no");
    }

    @Test
    void badArguments_areRefusedBeforeSending_namingTheParameter() {
        assertBad("nope", "[]", "unknown method 'nope'");
        assertBad("echo", "[\"a\",\"b\"]", "2 arguments (expected: 1, [text])");
        assertBad("echo", "[1]", "parameter 'text' of echo: expected a string");
        assertBad("echo", "{\"txt\":\"x\"}", "unknown parameter 'txt'");
        assertBad("echo", "[\"x\"", "malformed JSON");
        assertBad(
                "sizes", "{\"values\":{\"a\":[\"x\"]}}", "parameter 'values' of sizes: at 'a[0]': expected an integer");
        assertBad("echo", "[" + "[".repeat(100_000) + "]".repeat(100_000) + "]", "nesting depth");
    }

    @Test
    void utf8Calls_answerTheBytesOfWhatTextCallsAnswer() {
        for (String[] call : new String[][] {
            {"echo", "[\"h\u00e9llo \u2713 \ud83d\ude00\"]"},
            {"echo", "{\"text\":\"by name\"}"},
            {"add", "[1,2]"},
            {"add", "[4000000000,1]"},
            {"sizes", "{\"values\":{\"a\":[1,2,3]}}"},
            {"echo", "[null]"}
        }) {
            assertThat(utf8(call[0], call[1].getBytes(StandardCharsets.UTF_8)))
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo(call(call[0], call[1]));
        }
        assertThat(utf8("echo", "[\"h\u00e9\"]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("\"h\u00e9\"".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void badUtf8Arguments_areRefusedAsTextArgumentsAre() {
        assertBadUtf8("nope", "[]".getBytes(StandardCharsets.UTF_8), "unknown method 'nope'");
        assertBadUtf8("echo", " \n".getBytes(StandardCharsets.UTF_8), "0 arguments (expected: 1, [text])");
        assertBadUtf8("echo", "[1]".getBytes(StandardCharsets.UTF_8), "parameter 'text' of echo: expected a string");
        assertBadUtf8("echo", "[\"x\"".getBytes(StandardCharsets.UTF_8), "malformed JSON");
        assertBadUtf8("echo", new byte[] {'[', '"', (byte) 0xff, '"', ']'}, "malformed JSON");
        assertBadUtf8(
                "echo",
                ("[" + "[".repeat(100_000) + "]".repeat(100_000) + "]").getBytes(StandardCharsets.UTF_8),
                "nesting depth");
    }

    private static byte[] utf8(String method, byte[] arguments) {
        return calls.invokeUtf8(method, arguments, Map.of()).join();
    }

    private static void assertBadUtf8(String method, byte[] arguments, String message) {
        assertThatThrownBy(() -> utf8(method, arguments))
                .cause()
                .isInstanceOf(RpcException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    private static String call(String method, String arguments) {
        return calls.invoke(method, arguments, Map.of()).join();
    }

    private static void assertBad(String method, String arguments, String message) {
        assertThatThrownBy(() -> call(method, arguments))
                .cause()
                .isInstanceOf(RpcException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
}
