package io.courier.mockserver;

import java.nio.file.Path;

/** A stub file that cannot be served, with the line of the defect and the reason. */
public final class StubFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String reason;

    StubFileException(Path file, int line, String reason) {
        this(file, line, reason, null);
    }

    StubFileException(Path file, int line, String reason, Throwable cause) {
        super(file + ":" + line + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The stub file. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the defect (of the value that is wrong, where one is). */
    public int line() {
        return line;
    }

    /** What is wrong and what was expected. */
    public String reason() {
        return reason;
    }
}
