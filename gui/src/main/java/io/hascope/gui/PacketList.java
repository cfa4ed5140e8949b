package io.hascope.gui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;

/**
 * Wireshark's packet list over a frame index: No., Time, Source, Destination, Protocol, Length, Info; rows tinted
 * by the worst finding of their frame. Only visible rows are ever dissected, and only they are in the table: a
 * {@link RowWindow} of a screenful, moved by this list's own scroll bar, wheel and keys over all displayed rows.
 */
final class PacketList extends BorderPane {
    private static final double ROW_HEIGHT = 22;
    private final FrameNumbers rows = new FrameNumbers();
    private TimeFormat timeFormat = TimeFormat.SINCE_START;
    private final RowWindow window = new RowWindow(rows);
    private final TableView<Integer> table = new TableView<>(window) {
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            if (fitCapacity()) {
                super.layoutChildren(); // the refitted window, in this same pulse: no frame drawn with the old one
            }
        }
    };
    private final ScrollBar bar = new ScrollBar();
    private final ReadOnlyObjectWrapper<Integer> selected = new ReadOnlyObjectWrapper<>();
    /** The selected row among all displayed rows, -1 for none. */
    private int selectedRow = -1;
    /** Rows that fit the table's viewport; a guess until its first layout. */
    private int capacity = 40;
    /** Set while this list moves the table's selection itself, so the table's listener does not echo it back. */
    private boolean adjusting;
    private double wheelPixels;
    private Node watchedViewport;
    private LoadedCapture capture;
    private FrameSummaries summaries;
    private final java.util.BitSet marked = new java.util.BitSet();

    PacketList() {
        setId("packet-list");
        setCenter(table);
        setRight(bar);
        bar.setOrientation(Orientation.VERTICAL);
        bar.setMin(0);
        bar.setUnitIncrement(1);
        bar.valueProperty().addListener((o, was, now) -> {
            if (!adjusting) {
                scrollTo((int) Math.round(now.doubleValue()));
            }
        });
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setFixedCellSize(ROW_HEIGHT);
        table.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (!adjusting && now.intValue() >= 0) {
                selectRow(window.top() + now.intValue(), false); // a click on a row
            }
        });
        table.addEventFilter(ScrollEvent.SCROLL, this::wheel);
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::navigate);
        table.getColumns().add(column("No.", 70, n -> Integer.toString(n)));
        table.getColumns().add(column("⇄", 60, this::relation));
        TableColumn<Integer, String> time = column("Time", 110, n -> timeFormat.text(capture.index, n,
                previousDisplayed(n)));
        time.setId("column-time");
        table.getColumns().add(time);
        table.getColumns().add(column("Source", 150, n -> summaries.of(n).source()));
        table.getColumns().add(column("Destination", 150, n -> summaries.of(n).destination()));
        table.getColumns().add(column("Protocol", 80, n -> summaries.of(n).protocol()));
        table.getColumns().add(column("Length", 60, n -> Integer.toString(capture.index.originalLength(n))));
        table.getColumns().add(column("Info", 700, n -> summaries.of(n).info()));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Integer n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().removeAll("sev-error", "sev-warn", "sev-note", "sev-chat", "marked");
                if (!empty && n != null && marked.get(n)) {
                    getStyleClass().add("marked");
                } else if (!empty && n != null && capture != null && capture.worst != null) {
                    switch (capture.worst[n - 1]) {
                        case 4 -> getStyleClass().add("sev-error");
                        case 3 -> getStyleClass().add("sev-warn");
                        case 2 -> getStyleClass().add("sev-note");
                        case 1 -> getStyleClass().add("sev-chat");
                        default -> {
                        }
                    }
                }
            }
        });
    }

    private TableColumn<Integer, String> column(String title, double width, Function<Integer, String> text) {
        TableColumn<Integer, String> c = TextColumn.of(title, width, n -> capture == null ? "" : text.apply(n));
        c.setSortable(false);
        return c;
    }

    /**
     * The related-frames marker: "→ N" on a request answered in frame N, "← N" on a reply to frame N, "↺ N" on a
     * resend of frame N (Ctrl+Right and Ctrl+Left follow them).
     */
    private String relation(int n) {
        if (capture.annotations == null) {
            return "";
        }
        var a = capture.annotations;
        long v = a.value(n, io.hascope.field.AnalysisFields.REPLY_IN);
        if (v > 0) {
            return "→ " + v;
        }
        v = a.value(n, io.hascope.field.AnalysisFields.REPLY_TO);
        if (v > 0) {
            return "← " + v;
        }
        v = a.value(n, io.hascope.field.AnalysisFields.RETRANSMISSION);
        return v > 0 ? "↺ " + v : "";
    }

    /** Marks or unmarks a frame (Ctrl+M), as Wireshark marks packets. */
    void toggleMark(int n) {
        marked.flip(n);
        table.refresh();
    }

    boolean isMarked(int n) {
        return marked.get(n);
    }

    /** A column of any field (right-click → Apply as Column): every occurrence in the frame, comma-separated. */
    void addFieldColumn(io.hascope.field.Field field) {
        io.hascope.decode.Dissector d = new io.hascope.decode.Dissector(capture.dissectorConfig);
        io.hascope.field.FieldTree t = io.hascope.field.FieldTree.only(java.util.List.of(field));
        io.hascope.capture.Frame f = new io.hascope.capture.Frame();
        TableColumn<Integer, String> c = column(field.label(), 120, n -> {
            try {
                capture.dissect(n, d, f, t);
            } catch (java.io.IOException e) {
                return "?";
            }
            StringBuilder sb = new StringBuilder();
            for (int i = t.first(field); i >= 0; i = t.next(i)) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(io.hascope.field.FieldFormat.raw(t, i));
            }
            return sb.toString();
        });
        c.setId("column-" + field.name());
        table.getColumns().add(table.getColumns().size() - 1, c); // before Info, which takes the rest of the width
    }

    void show(LoadedCapture c, FrameSummaries s, int[] frames) {
        marked.clear();
        this.capture = c;
        this.summaries = s;
        selectedRow = -1;
        selected.set(null);
        rows.set(frames);
        window.show(0, capacity); // new rows: shown even when the window stays where it was
        scrollTo(0);
    }

    /** A live capture's list follows its frames (it shows all of them while capturing), at the end if it was. */
    void growTo(int n) {
        boolean atEnd = window.top() + capacity >= rows.size();
        rows.growTo(n);
        scrollTo(atEnd ? rows.size() - capacity : window.top()); // the rows on screen are the same frames
    }

    /** A live capture's filtered list takes the frames that matched since (numbers after its last). */
    void append(int[] frames) {
        if (frames.length == 0) {
            return;
        }
        boolean atEnd = window.top() + capacity >= rows.size();
        rows.append(frames);
        scrollTo(atEnd ? rows.size() - capacity : window.top());
    }

    /**
     * A live capture's filtered list after frames it showed came or went (a filter on the analysis fields): the new
     * rows replace them where the list is, at the end if it was; the selected frame stays selected while listed.
     */
    void refollow(int[] frames) {
        boolean atEnd = window.top() + capacity >= rows.size();
        int top = window.top();
        Integer keep = selected.get();
        rows.set(frames);
        selectedRow = keep == null ? -1 : rows.rowOf(keep);
        if (selectedRow < 0) {
            selected.set(null);
        }
        window.show(Math.max(0, Math.min(top, rows.size() - capacity)), capacity); // the rows changed in place
        scrollTo(atEnd ? rows.size() - capacity : top);
    }

    /** Shows other rows (a filter's); the selected frame stays selected and in view when they include it. */
    void display(int[] frames) {
        Integer keep = selected.get();
        rows.set(frames);
        int row = keep == null ? -1 : rows.rowOf(keep);
        selectedRow = row;
        if (row < 0) {
            selected.set(null);
        }
        window.show(Math.max(0, Math.min(window.top(), rows.size() - capacity)), capacity); // other frames, same place
        scrollTo(row < 0 ? 0 : row - Math.min(5, capacity / 2));
    }

    /** Draws the rows on screen again (a live capture's: their related-frame links come as replies do). */
    void redraw() {
        table.refresh();
    }

    int displayed() {
        return rows.size();
    }

    /** The Time column as View › Time Display Format sets it; redrawn at once. */
    void timeFormat(TimeFormat format) {
        timeFormat = format;
        table.getColumns().stream().filter(c -> "column-time".equals(c.getId())).findFirst()
                .ifPresent(c -> c.setPrefWidth(format == TimeFormat.UTC ? 210 : 110));
        table.refresh();
    }

    TimeFormat timeFormat() {
        return timeFormat;
    }

    /** The frame on the row above frame n's, 0 when n is on the first row or not displayed. */
    private int previousDisplayed(int n) {
        int row = rows.rowOf(n);
        return row > 0 ? rows.get(row - 1) : 0;
    }

    /** The frames the list shows now, in order; only the marked ones with markedOnly. */
    int[] displayedFrames(boolean markedOnly) {
        int[] out = new int[rows.size()];
        int n = 0;
        for (int i = 0; i < rows.size(); i++) {
            int frame = rows.get(i);
            if (!markedOnly || marked.get(frame)) {
                out[n++] = frame;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The frame number the row (from 0) shows. */
    int frameAt(int row) {
        return rows.get(row);
    }

    /** Selects and shows frame number; false when the current filter hides it. */
    boolean select(int number) {
        int row = rows.rowOf(number);
        if (row < 0) {
            return false;
        }
        if (row < window.top() || row >= window.top() + capacity) {
            scrollTo(row - Math.min(5, capacity / 2));
        }
        selectRow(row, false);
        return true;
    }

    /** Puts row at the top of the view, as dragging the scroll bar's thumb does. */
    void showRow(int row) {
        scrollTo(row);
    }

    /** Scrolls by pixels, as the mouse wheel does (whole rows; the remainder carries to the next turn). */
    void scrollPixels(double pixels) {
        wheelPixels += pixels;
        int by = (int) (wheelPixels / ROW_HEIGHT);
        wheelPixels -= by * ROW_HEIGHT;
        if (by != 0) {
            scrollTo(window.top() + by);
        }
    }

    Integer selectedFrame() {
        return selected.get();
    }

    ReadOnlyObjectProperty<Integer> selectedFrameProperty() {
        return selected.getReadOnlyProperty();
    }

    ObservableList<TableColumn<Integer, ?>> columns() {
        return table.getColumns();
    }

    /** The rows the table holds now: a screenful at most, whatever the capture. */
    int rowsOnScreen() {
        return window.size();
    }

    /** The displayed row at the top of the view. */
    int topRow() {
        return window.top();
    }

    ScrollBar scrollBar() {
        return bar;
    }

    /** The rows take new colours or marks. */
    void refresh() {
        table.refresh();
    }

    @Override
    public void requestFocus() {
        table.requestFocus();
    }

    /** A wheel turn scrolls by its lines (rows), pages (screenfuls) or, from a touchpad, pixels. */
    private void wheel(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        e.consume();
        switch (e.getTextDeltaYUnits()) {
            case LINES -> scrollTo(window.top() - (int) Math.round(e.getTextDeltaY()));
            case PAGES -> scrollTo(window.top() - (int) Math.round(e.getTextDeltaY() * capacity));
            default -> scrollPixels(-e.getDeltaY());
        }
    }

    /** Wireshark's keys over all displayed rows; anything else (Ctrl+Right, Ctrl+M …) goes on to the window. */
    private void navigate(KeyEvent e) {
        int last = rows.size() - 1;
        if (last < 0) {
            return;
        }
        int from = selectedRow < 0 ? window.top() : selectedRow;
        int to = switch (e.getCode()) {
            case DOWN, KP_DOWN -> selectedRow < 0 ? from : from + 1;
            case UP, KP_UP -> selectedRow < 0 ? from : from - 1;
            case PAGE_DOWN -> from + capacity;
            case PAGE_UP -> from - capacity;
            case HOME -> 0;
            case END -> last;
            default -> -2;
        };
        if (to == -2) {
            return;
        }
        e.consume();
        selectRow(Math.max(0, Math.min(last, to)), true);
    }

    /** Selects a row of all displayed rows, scrolling it into view when asked. */
    private void selectRow(int row, boolean reveal) {
        selectedRow = row;
        if (reveal && row < window.top()) {
            scrollTo(row);
        } else if (reveal && row >= window.top() + capacity) {
            scrollTo(row - capacity + 1);
        } else {
            syncTableSelection();
        }
        selected.set(rows.get(row));
    }

    /** Moves the window so that row top is its first (kept within the rows), and the scroll bar with it. */
    private void scrollTo(int top) {
        int first = Math.max(0, Math.min(top, rows.size() - capacity));
        adjusting = true;
        try {
            if (first != window.top() || window.size() != Math.min(capacity, rows.size() - first)) {
                window.show(first, capacity);
            }
            bar.setMax(Math.max(0, rows.size() - capacity));
            bar.setVisibleAmount(Math.min(capacity, Math.max(1, rows.size())));
            bar.setBlockIncrement(Math.max(1, capacity - 1));
            bar.setValue(first);
        } finally {
            adjusting = false;
        }
        syncTableSelection();
    }

    /** The table selects the selected row when it is in the window, nothing otherwise. */
    private void syncTableSelection() {
        adjusting = true;
        try {
            int local = selectedRow - window.top();
            if (selectedRow >= 0 && local < window.size()) {
                if (table.getSelectionModel().getSelectedIndex() != local) {
                    table.getSelectionModel().clearAndSelect(local);
                }
            } else {
                table.getSelectionModel().clearSelection();
            }
        } finally {
            adjusting = false;
        }
    }

    /** After a layout: as many rows as the viewport shows whole (the window's scrolling is this list's own). */
    private boolean fitCapacity() {
        Node viewport = table.lookup(".clipped-container");
        if (viewport != null && viewport != watchedViewport) {
            // the viewport takes its height after the table's own layout, and a layout asked for in the middle of
            // one is dropped when it ends: when the height changes, fit again after this pass
            watchedViewport = viewport;
            viewport.layoutBoundsProperty().addListener((o, was, now) -> {
                if (now.getHeight() != was.getHeight()) {
                    javafx.application.Platform.runLater(table::requestLayout);
                }
            });
        }
        if (viewport == null || viewport.getLayoutBounds().getHeight() <= 0) {
            return false;
        }
        int fits = Math.max(1, (int) (viewport.getLayoutBounds().getHeight() / ROW_HEIGHT));
        if (fits == capacity) {
            return false;
        }
        capacity = fits;
        scrollTo(window.top());
        return true;
    }
}
