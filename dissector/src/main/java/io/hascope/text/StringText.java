package io.hascope.text;

/** {@link TextOut} onto a StringBuilder. */
public final class StringText implements TextOut {
    private final StringBuilder sb;

    public StringText(StringBuilder sb) {
        this.sb = sb;
    }

    @Override
    public TextOut append(char c) {
        sb.append(c);
        return this;
    }

    @Override
    public TextOut append(CharSequence s) {
        sb.append(s);
        return this;
    }

    @Override
    public TextOut append(long v) {
        sb.append(v);
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
