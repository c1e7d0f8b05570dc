package io.courier.cluster.router;

/**
 * One value of a condition: an exact text, {@code prefix*}, {@code *suffix}, or {@code *} for any
 * value. An absent or empty value matches no pattern, so {@code tag = *} means "has a tag".
 */
record ValuePattern(String text, Kind kind) {

    enum Kind {
        EXACT,
        PREFIX,
        SUFFIX,
        ANY
    }

    /** Parses one value word; {@code offset} is its position in {@code rule}, for errors. */
    static ValuePattern parse(String rule, String word, int offset) {
        int star = word.indexOf('*');
        if (star < 0) {
            return new ValuePattern(word, Kind.EXACT);
        }
        if (word.length() == 1) {
            return new ValuePattern("", Kind.ANY);
        }
        int last = word.lastIndexOf('*');
        if (star == last && star == word.length() - 1) {
            return new ValuePattern(word.substring(0, star), Kind.PREFIX);
        }
        if (star == last && star == 0) {
            return new ValuePattern(word.substring(1), Kind.SUFFIX);
        }
        int bad = star == 0 ? word.indexOf('*', 1) : star;
        throw new ConditionRuleException(
                rule,
                offset + bad,
                "misplaced '*' in '" + word + "' (expected: '*' alone, or at the start or the end of a value)");
    }

    boolean matches(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (kind) {
            case EXACT -> value.equals(text);
            case PREFIX -> value.startsWith(text);
            case SUFFIX -> value.endsWith(text);
            case ANY -> true;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EXACT -> text;
            case PREFIX -> text + "*";
            case SUFFIX -> "*" + text;
            case ANY -> "*";
        };
    }
}
