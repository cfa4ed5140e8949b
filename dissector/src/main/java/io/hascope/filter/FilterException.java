package io.hascope.filter;

/** A display filter that cannot be compiled: what was expected, and the column (1-based) where it went wrong. */
public final class FilterException extends Exception {
    private final String filter;
    private final int column;
    private final String reason;

    public FilterException(String filter, int column, String reason) {
        super(reason + " (column " + column + ")");
        this.filter = filter;
        this.column = column;
        this.reason = reason;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }

    /** The filter with a caret under the column, for terminals. */
    public String pointer() {
        return filter + "\n" + " ".repeat(Math.max(0, column - 1)) + "^";
    }
}
