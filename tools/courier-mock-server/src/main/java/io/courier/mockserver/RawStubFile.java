package io.courier.mockserver;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stub file read as JSON, before any value is typed: every value keeps the line it starts on, so
 * that a later error can name it.
 *
 * <pre>
 * {
 *   "service": "io.courier.examples.guide.UserService",     the interface, on the class path
 *   "group": "", "version": "",                    optional
 *   "stubs": [
 *     {"method": "find", "args": [1], "returns": {"id": 1, "name": "Ada"}},
 *     {"method": "find", "throws": {"type": "io.courier.examples.guide.UserNotFoundException", "message": "no"}},
 *     {"method": "instance", "returns": "mock", "delayMillis": 200}
 *   ]
 * }
 * </pre>
 *
 * @param file where it was read from
 * @param service the service interface's name and its line
 * @param group the group, empty for none
 * @param version the version, empty for none
 * @param stubs the stubs, in file order
 */
record RawStubFile(Path file, Located service, String group, String version, List<RawStub> stubs) {

    private static final Set<String> TOP_FIELDS = Set.of("service", "group", "version", "stubs");
    private static final ObjectMapper TREES = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A JSON value and the 1-based line it starts on. */
    record Located(JsonNode node, int line) {}

    /**
     * One stub object: its fields by name, and the elements of its {@code args} array, each with its line.
     *
     * @param line where the object starts
     * @param fields every field but {@code args}
     * @param args the {@code args} elements, or {@code null} if the field is absent (any arguments match)
     * @param argsLine the line of the {@code args} array, or the stub's line
     */
    record RawStub(int line, Map<String, Located> fields, List<Located> args, int argsLine) {}

    /**
     * Reads {@code file}.
     *
     * @throws StubFileException if it is not JSON of the stub file's shape
     * @throws UncheckedIOException if it cannot be read
     */
    static RawStubFile read(Path file) {
        try (JsonParser parser = TREES.createParser(file.toFile())) {
            return read(file, parser);
        } catch (JsonProcessingException e) {
            throw new StubFileException(
                    file,
                    e.getLocation() == null ? 1 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stub file " + file + ": " + e.getMessage(), e);
        }
    }

    private static RawStubFile read(Path file, JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new StubFileException(
                    file,
                    line(parser),
                    "the file is not a JSON object (expected: {\"service\":" + " \"<interface>\", \"stubs\": [...]})");
        }
        Located service = null;
        String group = "";
        String version = "";
        List<RawStub> stubs = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int fieldLine = line(parser);
            parser.nextToken();
            if (!TOP_FIELDS.contains(name)) {
                throw new StubFileException(
                        file, fieldLine, "unknown field '" + name + "' (expected: service, group, version, stubs)");
            }
            switch (name) {
                case "service" -> service = new Located(text(file, parser, name), fieldLine);
                case "group" -> group = text(file, parser, name).asText();
                case "version" -> version = text(file, parser, name).asText();
                default -> stubs = readStubs(file, parser);
            }
        }
        if (parser.nextToken() != null) {
            throw new StubFileException(file, line(parser), "content after the end of the object");
        }
        if (service == null) {
            throw new StubFileException(file, 1, "no \"service\" (expected: the service interface's class name)");
        }
        if (stubs == null) {
            throw new StubFileException(file, 1, "no \"stubs\" (expected: an array of stubs, possibly empty)");
        }
        return new RawStubFile(file, service, group, version, stubs);
    }

    private static JsonNode text(Path file, JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new StubFileException(
                    file, line(parser), field + ": " + parser.currentToken() + " (expected: a string)");
        }
        return parser.readValueAsTree();
    }

    private static List<RawStub> readStubs(Path file, JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new StubFileException(
                    file, line(parser), "stubs: " + parser.currentToken() + " (expected: an array)");
        }
        List<RawStub> stubs = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new StubFileException(
                        file, line(parser), "stub: " + parser.currentToken() + " (expected: an object)");
            }
            stubs.add(readStub(parser));
        }
        return stubs;
    }

    private static RawStub readStub(JsonParser parser) throws IOException {
        int stubLine = line(parser);
        Map<String, Located> fields = new LinkedHashMap<>();
        List<Located> args = null;
        int argsLine = stubLine;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            int valueLine = line(parser);
            if (name.equals("args") && parser.currentToken() == JsonToken.START_ARRAY) {
                argsLine = valueLine;
                args = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    int elementLine = line(parser);
                    args.add(new Located(parser.readValueAsTree(), elementLine));
                }
            } else {
                fields.put(name, new Located(parser.readValueAsTree(), valueLine));
            }
        }
        return new RawStub(stubLine, fields, args, argsLine);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
