package io.courier.cluster.router;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a condition rule into tokens. A word is a run of letters, digits and {@code . _ - : * / [ ]
 * @}; the operators are {@code = != => & ,}; spaces, tabs and line breaks separate tokens. Anything
 * else is an error at its position. One pass, no regular expressions, no backtracking.
 */
final class ConditionLexer {

    private ConditionLexer() {}

    static List<Token> tokens(String rule) {
        List<Token> tokens = new ArrayList<>();
        int length = rule.length();
        int position = 0;
        while (position < length) {
            char c = rule.charAt(position);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                position++;
            } else if (c == '=') {
                boolean arrow = position + 1 < length && rule.charAt(position + 1) == '>';
                tokens.add(new Token(arrow ? Token.Kind.ARROW : Token.Kind.EQUALS, arrow ? "=>" : "=", position));
                position += arrow ? 2 : 1;
            } else if (c == '!') {
                if (position + 1 >= length || rule.charAt(position + 1) != '=') {
                    throw new ConditionRuleException(rule, position, "unexpected '!' (expected: '!=')");
                }
                tokens.add(new Token(Token.Kind.NOT_EQUALS, "!=", position));
                position += 2;
            } else if (c == '&') {
                tokens.add(new Token(Token.Kind.AND, "&", position));
                position++;
            } else if (c == ',') {
                tokens.add(new Token(Token.Kind.COMMA, ",", position));
                position++;
            } else if (wordChar(c)) {
                int start = position;
                while (position < length && wordChar(rule.charAt(position))) {
                    position++;
                }
                tokens.add(new Token(Token.Kind.WORD, rule.substring(start, position), start));
            } else {
                throw new ConditionRuleException(rule, position, "unexpected character " + describe(c));
            }
        }
        tokens.add(new Token(Token.Kind.END, "", length));
        return tokens;
    }

    static boolean wordChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-'
                || c == ':'
                || c == '*'
                || c == '/'
                || c == '['
                || c == ']'
                || c == '@';
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
