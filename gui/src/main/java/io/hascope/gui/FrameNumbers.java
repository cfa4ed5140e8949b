package io.hascope.gui;

import javafx.collections.ObservableListBase;

/**
 * The packet list's rows: frame numbers in an int array (all frames, or those a filter matched). A million rows
 * are four megabytes and no JavaFX objects; a row's Integer exists only while a cell shows it.
 */
final class FrameNumbers extends ObservableListBase<Integer> {
    private int[] numbers = new int[0];

    void set(int[] frames) {
        beginChange();
        int old = numbers.length;
        numbers = frames;
        if (old > 0) {
            nextRemove(0, java.util.Collections.nCopies(old, 0));
        }
        if (frames.length > 0) {
            nextAdd(0, frames.length);
        }
        endChange();
    }

    /** The list of all frames grows to 1..n (a live capture): only the new rows are announced. */
    void growTo(int n) {
        int old = numbers.length;
        if (n <= old) {
            return;
        }
        int[] grown = java.util.Arrays.copyOf(numbers, n);
        for (int i = old; i < n; i++) {
            grown[i] = i + 1;
        }
        beginChange();
        numbers = grown;
        nextAdd(old, n);
        endChange();
    }

    /** Rows for these frames, numbered after the last shown, added at the end (a live capture's filter). */
    void append(int[] frames) {
        int old = numbers.length;
        int[] grown = java.util.Arrays.copyOf(numbers, old + frames.length);
        System.arraycopy(frames, 0, grown, old, frames.length);
        beginChange();
        numbers = grown;
        nextAdd(old, grown.length);
        endChange();
    }

    /** Frames 1 to n. */
    static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        return a;
    }

    /** The row that shows frame number, or -1 when it is not displayed. */
    int rowOf(int number) {
        int r = java.util.Arrays.binarySearch(numbers, number);
        return r < 0 ? -1 : r;
    }

    @Override
    public Integer get(int index) {
        return numbers[index];
    }

    @Override
    public int size() {
        return numbers.length;
    }
}
