package io.hascope.text;

/**
 * Where field values are formatted to: a StringBuilder for the tree, summaries and JSON ({@link StringText}), or
 * an ASCII byte row for -T fields ({@link AsciiText}), so the formatting code exists once for both.
 */
public interface TextOut {
    TextOut append(char c);

    TextOut append(CharSequence s);

    TextOut append(long v);
}
