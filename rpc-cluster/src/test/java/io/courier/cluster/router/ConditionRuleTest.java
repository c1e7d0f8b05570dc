package io.courier.cluster.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionRuleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "method = getUser => tags = blue",
                "consumer.app = web => host != 10.0.0.5",
                "consumer.app = web & method = find*,list* => host != 10.0.0.5 & port = 20880",
                "force tag = canary => app = users-canary",
                "=> address = 10.0.0.1:20880,[::1]:20880",
                "consumer.host = 10.0.0.9 =>",
                "method = *User => metadata.zone = eu-*",
                "  method\t=\ngetUser   =>   tags=blue  ",
            })
    void validRules_parse(String text) {
        ConditionRule rule = ConditionRule.parse(text);

        assertThat(rule.text()).isEqualTo(text);
    }

    @Test
    void force_isALeadingKeyword() {
        assertThat(ConditionRule.parse("force method = a => host = b").force()).isTrue();
        assertThat(ConditionRule.parse("force => host = b").force()).isTrue();
        assertThat(ConditionRule.parse("method = force => host = b").force()).isFalse();
    }

    @Test
    void emptyThen_deniesEveryProvider() {
        assertThat(ConditionRule.parse("consumer.host = 10.0.0.9 =>").denies()).isTrue();
        assertThat(ConditionRule.parse("=> host = a").denies()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            method = getUser => hots = blue           | 20 | unknown key 'hots'
            method = getUser tags = blue              | 17 | unexpected 'tags' (expected: '=>')
            method == getUser => tags = blue          | 8  | unexpected '=' (expected: a value)
            method = get#User => tags = blue          | 12 | unexpected character '#'
            method = => tags = blue                   | 9  | unexpected '=>' (expected: a value)
            host = 10.0.0.1 => tags = blue            | 0  | key 'host' is not allowed before '=>'
            method = getUser => consumer.app = web    | 20 | key 'consumer.app' is not allowed after '=>'
            method = g*t => tags = blue               | 10 | misplaced '*'
            method = getUser => tags = *b*            | 29 | misplaced '*'
            method = a => metadata. = x               | 23 | missing metadata name
            method = getUser => tags = blue &         | 33 | unexpected the end of the rule (expected: a key
            method = getUser => tags = blue,          | 32 | unexpected the end of the rule (expected: a value)
            method = getUser => tags ! blue           | 25 | unexpected '!' (expected: '!=')
            method getUser => tags = blue             | 7  | unexpected 'getUser' (expected: '=' or '!=')
            method = a => tags = b => host = c        | 23 | unexpected '=>' (expected: '&' or the end of the rule)
            & method = a => tags = b                  | 0  | unexpected '&' (expected: a key
            ''                                        | 0  | unexpected the end of the rule (expected: a key
            """)
    void badRules_areRejectedWithThePositionOfTheError(String text, int position, String problem) {
        assertThatThrownBy(() -> ConditionRule.parse(text)).isInstanceOfSatisfying(ConditionRuleException.class, e -> {
            assertThat(e.position()).isEqualTo(position);
            assertThat(e.rule()).isEqualTo(text);
            assertThat(e.getMessage()).contains("at position " + position + ": " + problem);
        });
    }

    @Test
    void errorMessage_pointsACaretAtTheBadToken() {
        assertThatThrownBy(() -> ConditionRule.parse("consumer.app = web => hots != 10.0.0.5"))
                .hasMessage("Invalid condition rule at position 22: unknown key 'hots' (expected after '=>': host,"
                        + " port, address, app, tags, metadata.<name>)\n"
                        + "  consumer.app = web => hots != 10.0.0.5\n"
                        + "                        ^");
    }

    @Test
    void controlCharacter_isNamedByCodePoint() {
        assertThatThrownBy(() -> ConditionRule.parse("method = a\u0000 => host = b"))
                .isInstanceOfSatisfying(ConditionRuleException.class, e -> assertThat(e.position())
                        .isEqualTo(10))
                .hasMessageContaining("unexpected character U+0000");
    }

    @Test
    void overlongRule_isRejectedBeforeParsing() {
        String text = "method = " + "a".repeat(5_000) + " => host = b";

        assertThatThrownBy(() -> ConditionRule.parse(text))
                .isInstanceOfSatisfying(ConditionRuleException.class, e -> assertThat(e.position())
                        .isEqualTo(4096))
                .hasMessageContaining("(expected: at most 4096)");
    }

    @Test
    void tooManyValues_areRejectedAtTheExtraComma() {
        StringBuilder text = new StringBuilder("method = v0");
        for (int i = 1; i <= 64; i++) {
            text.append(",v").append(i);
        }
        text.append(" => host = b");

        assertThatThrownBy(() -> ConditionRule.parse(text.toString())).hasMessageContaining("more than 64 values");
    }
}
