package io.hascope.filter;

/** One lexical token of a display filter, with its 0-based position. */
record Token(Kind kind, String text, int position) {
    enum Kind {
        WORD, STRING, EQ, NE, LT, LE, GT, GE, AND, OR, NOT, LPAREN, RPAREN, LBRACE, RBRACE, COMMA, RANGE, IN,
        CONTAINS, MATCHES, END
    }

    String describe() {
        return switch (kind) {
            case END -> "the end of the filter";
            case STRING -> "\"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
