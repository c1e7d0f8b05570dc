package io.courier.cluster.router;

/**
 * A condition rule's text does not follow the grammar. The message names the problem and what was
 * expected, and shows the rule with a caret under {@link #position()}.
 */
public final class ConditionRuleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Characters of the rule shown on each side of the error position in the message. */
    private static final int EXCERPT = 60;

    private final String rule;
    private final int position;

    ConditionRuleException(String rule, int position, String problem) {
        super(message(rule, position, problem));
        this.rule = rule;
        this.position = position;
    }

    /** The rule text as given. */
    public String rule() {
        return rule;
    }

    /** The 0-based index in {@link #rule()} of the character where the error was found. */
    public int position() {
        return position;
    }

    private static String message(String rule, int position, String problem) {
        int from = Math.max(0, position - EXCERPT);
        int to = Math.min(rule.length(), position + EXCERPT);
        StringBuilder line = new StringBuilder();
        if (from > 0) {
            line.append("...");
        }
        int caret = line.length() + (position - from);
        for (int i = from; i < to; i++) {
            char c = rule.charAt(i);
            // Keep the caret aligned: every character is echoed as exactly one printable one.
            line.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        if (to < rule.length()) {
            line.append("...");
        }
        return "Invalid condition rule at position " + position + ": " + problem + "\n  " + line + "\n  "
                + " ".repeat(caret) + "^";
    }
}
