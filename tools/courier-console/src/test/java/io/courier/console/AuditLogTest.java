package io.courier.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One audited action is one line of the audit log, whatever its fields hold (CWE-117). */
class AuditLogTest {

    @Test
    void aNewlineInAField_staysOnOneLine_andCannotForgeAnEntry() {
        Logger audit = (Logger) LoggerFactory.getLogger("io.courier.console.audit");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        audit.addAppender(lines);
        try {
            new AuditLog().record("alice", "POST /api/call key=a\nwho=admin what=login outcome=ok", "ok\r\n");
        } finally {
            audit.detachAppender(lines);
        }
        assertThat(lines.list).hasSize(1);
        String line = lines.list.get(0).getFormattedMessage();
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(line)
                .isEqualTo("who=alice what=POST /api/call key=a\\u000awho=admin what=login outcome=ok"
                        + " outcome=ok\\u000d\\u000a");
    }

    @Test
    void oneLine_escapesSeparatorsAndBackslashes_andLeavesTheRestAlone() {
        assertThat(AuditLog.oneLine("plain text, ünïcode")).isEqualTo("plain text, ünïcode");
        assertThat(AuditLog.oneLine("a\u2028b\u0085c\td")).isEqualTo("a\\u2028b\\u0085c\\u0009d");
        // a forged escape is told apart from a real one
        assertThat(AuditLog.oneLine("a\\u000ab")).isEqualTo("a\\\\u000ab");
    }
}
