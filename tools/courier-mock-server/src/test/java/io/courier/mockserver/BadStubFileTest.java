package io.courier.mockserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every defect of a stub file is refused when it is loaded, with the line of the defect and the reason. */
class BadStubFileTest {

    @TempDir
    Path directory;

    /** Each case puts {@code stub} on line 4 of a UserService stub file. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            unknown method        | {"method": "findd", "args": [1], "returns": {"id": 1}}                   | unknown method 'findd' of io.courier.examples.guide.UserService (expected one of: find, instance, rename, search, touch)
            string for a long     | {"method": "find", "args": ["one"], "returns": {"id": 1}}               | args[0]: "one" cannot be read as long
            wrong field type      | {"method": "find", "args": [1], "returns": {"id": "x", "name": "Ada"}} | returns: {"id":"x","name":"Ada"} cannot be read as io.courier.examples.guide.User at io.courier.examples.guide.User["id"]
            unknown property      | {"method": "find", "args": [1], "returns": {"id": 1, "nmae": "Ada"}}  | cannot be read as io.courier.examples.guide.User at io.courier.examples.guide.User["nmae"]: Unrecognized field "nmae"
            list for an object    | {"method": "find", "args": [1], "returns": [1, 2]}                      | returns: [1,2] cannot be read as io.courier.examples.guide.User
            too many args         | {"method": "find", "args": [1, 2], "returns": {"id": 1}}                | args: 2 value(s) (expected: 1, the parameters of find(long))
            undeclared exception  | {"method": "find", "throws": {"type": "java.io.IOException"}}           | throws: java.io.IOException (expected: an exception find declares, or one of
            value for void        | {"method": "touch", "returns": 1}                                       | returns: touch returns nothing (expected: no returns, or throws)
            no answer             | {"method": "instance"}                                                    | stub of instance has neither returns nor throws
            unknown stub field    | {"method": "instance", "return": "x"}                                     | unknown field 'return' (expected: method, args, returns, throws, delayMillis)
            negative delay        | {"method": "instance", "returns": "x", "delayMillis": -5}                 | delayMillis: -5 (expected: an integer 0 to 60000)
            null for a primitive  | {"method": "find", "args": [null], "returns": {"id": 1}}                | args[0]: null cannot be read as long
            """)
    void badStub_isRefused_withItsLineAndTheReason(String defect, String stub, String reason) throws IOException {
        Path file = write(
                """
                {
                  "service": "io.courier.examples.guide.UserService",
                  "stubs": [
                    %s
                  ]
                }
                """
                        .formatted(stub));

        assertThatThrownBy(() -> new StubResolver(getClass().getClassLoader()).resolve(file))
                .isInstanceOfSatisfying(StubFileException.class, refused -> {
                    assertThat(refused.line()).as(defect).isEqualTo(4);
                    assertThat(refused.reason()).as(defect).contains(reason);
                    assertThat(refused.getMessage()).startsWith(file + ":4: ");
                });
    }

    @Test
    void notJson_unknownService_andAClassForAnInterface_areRefusedWithTheirLine() throws IOException {
        assertRefused(
                "{\n  \"service\": \"io.courier.examples.guide.UserService\",\n  \"stubs\": [\n    {\"method\": }\n  ]\n}\n",
                4,
                "not valid JSON: Unexpected character ('}'");
        assertRefused(
                "{\n  \"service\": \"com.example.Missing\",\n  \"stubs\": []\n}\n",
                2,
                "service: 'com.example.Missing' is not on the class path");
        assertRefused(
                "{\n  \"stubs\": [],\n  \"service\": \"io.courier.examples.guide.User\"\n}\n",
                3,
                "service: io.courier.examples.guide.User is not an interface");
        assertRefused(
                "{\n  \"service\": \"io.courier.examples.guide.UserService\",\n  \"stub\": []\n}\n",
                3,
                "unknown field 'stub' (expected: service, group, version, stubs)");
    }

    @Test
    void startingWithABadFile_leavesNothingRunning_andSaysWhy() throws IOException {
        Path file = write(
                "{\n  \"service\": \"io.courier.examples.guide.UserService\",\n  \"stubs\": [{\"method\": \"nope\"}]\n}\n");
        MockServerOptions options =
                MockServerOptions.builder().stubFile(file).registry("embedded").build();

        assertThatThrownBy(() -> MockServer.start(options))
                .isInstanceOf(StubFileException.class)
                .hasMessageStartingWith(file + ":3: unknown method 'nope'");
    }

    private void assertRefused(String content, int line, String reason) throws IOException {
        Path file = write(content);
        assertThatThrownBy(() -> new StubResolver(getClass().getClassLoader()).resolve(file))
                .isInstanceOfSatisfying(StubFileException.class, refused -> {
                    assertThat(refused.line()).as(refused.getMessage()).isEqualTo(line);
                    assertThat(refused.reason()).contains(reason);
                });
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(directory, "stubs", ".json");
        Files.writeString(file, content);
        return file;
    }
}
