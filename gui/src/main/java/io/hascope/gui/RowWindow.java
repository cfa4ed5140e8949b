package io.hascope.gui;

import javafx.collections.ObservableListBase;

/**
 * The rows the packet list has on screen: a window of at most a screenful over all displayed rows. The table only
 * ever holds these, so its layout costs the same for ten frames or ten million (JavaFX's VirtualFlow walks its
 * whole item count on every scroll to estimate sizes: over a million rows that was most of each frame pulse).
 */
final class RowWindow extends ObservableListBase<Integer> {
    private final FrameNumbers rows;
    private int top;
    private int size;

    RowWindow(FrameNumbers rows) {
        this.rows = rows;
    }

    /** Shows rows top .. top+capacity-1 of all rows (fewer at the end); announced as one replacement. */
    void show(int newTop, int capacity) {
        int newSize = Math.max(0, Math.min(capacity, rows.size() - newTop));
        beginChange();
        if (size > 0) {
            nextRemove(0, java.util.Collections.nCopies(size, 0));
        }
        top = newTop;
        size = newSize;
        if (newSize > 0) {
            nextAdd(0, newSize);
        }
        endChange();
    }

    int top() {
        return top;
    }

    @Override
    public Integer get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return rows.get(top + index);
    }

    @Override
    public int size() {
        return size;
    }
}
