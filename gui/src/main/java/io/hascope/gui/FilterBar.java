package io.hascope.gui;

import io.hascope.filter.DisplayFilter;
import io.hascope.filter.FilterException;
import java.util.function.Consumer;
import javafx.scene.control.Button;
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
        getChildren().addAll(new Label("Filter:"), text, go, clear, error);
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
            apply.accept(f);
        }
    }
}
