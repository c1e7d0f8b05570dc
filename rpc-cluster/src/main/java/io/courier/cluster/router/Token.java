package io.courier.cluster.router;

/** One token of a condition rule and where it starts. */
record Token(Kind kind, String text, int position) {

    enum Kind {
        WORD("a word"),
        EQUALS("'='"),
        NOT_EQUALS("'!='"),
        ARROW("'=>'"),
        AND("'&'"),
        COMMA("','"),
        END("the end of the rule");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** How the token reads in an error message. */
    String describe() {
        return kind == Kind.WORD ? "'" + text + "'" : kind.description();
    }
}
