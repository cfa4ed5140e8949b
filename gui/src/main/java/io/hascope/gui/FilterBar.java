package io.hascope.gui;

import io.hascope.filter.DisplayFilter;
import io.hascope.filter.FilterException;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The display filter bar: the dissector's filter language, checked as you type (green when it compiles, red with
 * the column and reason when not); Enter or Apply filters, Clear shows every frame again.
 */
final class FilterBar extends HBox {
    final TextField text = new TextField();
    final Label error = new Label();
    private final Consumer<DisplayFilter> apply;
    private static final Preferences PREFS = Preferences.userNodeForPackage(FilterBar.class).node("filters");
    private static final int HISTORY = 20;
    final MenuButton history = new MenuButton("History");
    final HBox saved = new HBox(4);

    FilterBar(Consumer<DisplayFilter> apply) {
        this.apply = apply;
        setId("filter-bar");
        setSpacing(6);
        text.setId("filter-text");
        text.setPromptText("Apply a display filter … (hasync.msg.type == STATE_UPDATE, ip.addr == 192.0.2.1, …)");
        HBox.setHgrow(text, Priority.ALWAYS);
        error.setId("filter-error");
        Button go = new Button("Apply");
        go.setId("filter-apply");
        Button clear = new Button("Clear");
        clear.setId("filter-clear");
        Button save = new Button("+");
        save.setId("filter-save");
        save.setOnAction(e -> saveCurrent());
        history.setId("filter-history");
        saved.setId("filter-saved");
        getChildren().addAll(new Label("Filter:"), text, history, go, clear, save, saved, error);
        history.setOnShowing(e -> fillHistory());
        for (String f : load("saved")) {
            addSavedButton(f);
        }
        text.textProperty().addListener((o, was, now) -> validate());
        text.setOnAction(e -> submit());
        go.setOnAction(e -> submit());
        clear.setOnAction(e -> {
            text.clear();
            submit();
        });
    }

    /** Colours the field and returns the compiled filter, or null (empty, or not valid: the error says why). */
    DisplayFilter validate() {
        text.getStyleClass().removeAll("filter-valid", "filter-invalid");
        error.setText("");
        String t = text.getText().trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            DisplayFilter f = DisplayFilter.compile(t);
            text.getStyleClass().add("filter-valid");
            return f;
        } catch (FilterException e) {
            text.getStyleClass().add("filter-invalid");
            error.setText(e.getMessage());
            return null;
        }
    }

    private void submit() {
        DisplayFilter f = validate();
        if (f != null || text.getText().isBlank()) {
            if (f != null) {
                remember(text.getText().trim());
            }
            apply.accept(f);
        }
    }

    /** The filters applied, newest first (kept between runs). */
    List<String> historyList() {
        return load("history");
    }

    private void remember(String filter) {
        List<String> h = load("history");
        h.remove(filter);
        h.add(0, filter);
        store("history", h.subList(0, Math.min(HISTORY, h.size())));
    }

    private void fillHistory() {
        history.getItems().clear();
        for (String f : load("history")) {
            MenuItem item = new MenuItem(f);
            item.setOnAction(e -> {
                text.setText(f);
                submit();
            });
            history.getItems().add(item);
        }
    }

    /** The "+" button: the current (valid) filter becomes a button of its own; right-click removes it. */
    void saveCurrent() {
        String f = text.getText().trim();
        if (validate() == null || load("saved").contains(f)) {
            return;
        }
        List<String> all = load("saved");
        all.add(f);
        store("saved", all);
        addSavedButton(f);
    }

    private void addSavedButton(String f) {
        Button b = new Button(f.length() > 24 ? f.substring(0, 23) + "…" : f);
        b.getStyleClass().add("saved-filter");
        b.setTooltip(new javafx.scene.control.Tooltip(f + "\n(right-click to remove)"));
        b.setOnAction(e -> {
            text.setText(f);
            submit();
        });
        b.setOnContextMenuRequested(e -> {
            List<String> all = load("saved");
            all.remove(f);
            store("saved", all);
            saved.getChildren().remove(b);
        });
        saved.getChildren().add(b);
    }

    private static List<String> load(String key) {
        List<String> out = new ArrayList<>();
        for (String s : PREFS.get(key, "").split("\n")) {
            if (!s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    private static void store(String key, List<String> values) {
        PREFS.put(key, String.join("\n", values));
    }
}
