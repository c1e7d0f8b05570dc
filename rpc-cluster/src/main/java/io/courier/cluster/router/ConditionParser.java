package io.courier.cluster.router;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the condition-rule grammar; each rule is parsed with a fresh
 * instance. Every error is a {@link ConditionRuleException} at the offending token.
 *
 * <pre>
 * rule        = [ "force" ] [ conditions ] "=&gt;" [ conditions ]
 * conditions  = condition { "&amp;" condition }
 * condition   = key ( "=" | "!=" ) value { "," value }
 * </pre>
 */
final class ConditionParser {

    static final int MAX_LENGTH = 4096;
    static final int MAX_CONDITIONS = 32;
    static final int MAX_VALUES = 64;

    private final String rule;
    private final List<Token> tokens;
    private int next;

    private ConditionParser(String rule) {
        this.rule = rule;
        this.tokens = ConditionLexer.tokens(rule);
    }

    static ConditionRule parse(String rule) {
        if (rule.length() > MAX_LENGTH) {
            throw new ConditionRuleException(
                    rule,
                    MAX_LENGTH,
                    "the rule is " + rule.length() + " characters long (expected: at most " + MAX_LENGTH + ")");
        }
        return new ConditionParser(rule).rule();
    }

    private ConditionRule rule() {
        boolean force = false;
        Token first = peek();
        if (first.kind() == Token.Kind.WORD && first.text().equals("force") && !operator(tokens.get(next + 1))) {
            force = true;
            next++;
        }
        List<Match> when = peek().kind() == Token.Kind.ARROW ? List.of() : conditions(true);
        expect(Token.Kind.ARROW, "'=>'");
        List<Match> then = peek().kind() == Token.Kind.END ? List.of() : conditions(false);
        expect(Token.Kind.END, "'&' or the end of the rule");
        return new ConditionRule(rule, force, when, then);
    }

    private List<Match> conditions(boolean callSide) {
        List<Match> conditions = new ArrayList<>();
        conditions.add(condition(callSide));
        while (peek().kind() == Token.Kind.AND) {
            Token and = take();
            if (conditions.size() == MAX_CONDITIONS) {
                throw new ConditionRuleException(
                        rule, and.position(), "more than " + MAX_CONDITIONS + " conditions on one side of '=>'");
            }
            conditions.add(condition(callSide));
        }
        return List.copyOf(conditions);
    }

    private Match condition(boolean callSide) {
        Token key = expect(Token.Kind.WORD, "a key (one of: " + Field.keys(callSide) + ")");
        Field field = Field.of(key.text());
        if (field == null || field.callSide() != callSide) {
            String where = callSide ? "before '=>'" : "after '=>'";
            String problem = field == null
                    ? "unknown key '" + key.text() + "'"
                    : "key '" + key.text() + "' is not allowed " + where;
            throw new ConditionRuleException(
                    rule, key.position(), problem + " (expected " + where + ": " + Field.keys(callSide) + ")");
        }
        String metadataName = "";
        if (field == Field.METADATA) {
            metadataName = key.text().substring(Field.METADATA_PREFIX.length());
            if (metadataName.isEmpty()) {
                throw new ConditionRuleException(
                        rule,
                        key.position() + key.text().length(),
                        "missing metadata name (expected: metadata.<name>)");
            }
        }
        Token operator = take();
        if (!operator(operator)) {
            throw new ConditionRuleException(
                    rule, operator.position(), "unexpected " + operator.describe() + " (expected: '=' or '!=')");
        }
        List<ValuePattern> patterns = new ArrayList<>();
        patterns.add(value());
        while (peek().kind() == Token.Kind.COMMA) {
            Token comma = take();
            if (patterns.size() == MAX_VALUES) {
                throw new ConditionRuleException(rule, comma.position(), "more than " + MAX_VALUES + " values");
            }
            patterns.add(value());
        }
        return new Match(field, metadataName, operator.kind() == Token.Kind.NOT_EQUALS, List.copyOf(patterns));
    }

    private ValuePattern value() {
        Token word = expect(Token.Kind.WORD, "a value");
        return ValuePattern.parse(rule, word.text(), word.position());
    }

    private static boolean operator(Token token) {
        return token.kind() == Token.Kind.EQUALS || token.kind() == Token.Kind.NOT_EQUALS;
    }

    private Token expect(Token.Kind kind, String expected) {
        Token token = take();
        if (token.kind() != kind) {
            throw new ConditionRuleException(
                    rule, token.position(), "unexpected " + token.describe() + " (expected: " + expected + ")");
        }
        return token;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Token.Kind.END) {
            next++;
        }
        return token;
    }
}
