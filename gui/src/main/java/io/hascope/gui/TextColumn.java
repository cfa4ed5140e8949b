package io.hascope.gui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** A table column whose cells are text made from the row's item: every view's tables are built of them. */
final class TextColumn {
    private TextColumn() {
    }

    static <S> TableColumn<S, String> of(String title, double width, Function<S, String> text) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
        return c;
    }
}
