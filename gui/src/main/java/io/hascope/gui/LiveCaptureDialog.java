package io.hascope.gui;

import io.hascope.live.LiveCapture;
import io.hascope.live.LiveCaptureException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Capture › Start: which interface, which capture filter, and the file every frame goes to. */
final class LiveCaptureDialog extends Dialog<LiveCaptureDialog.Request> {
    /** What to capture and where to keep it. */
    record Request(String interfaceName, String filter, Path file) {
    }

    final ChoiceBox<String> iface = new ChoiceBox<>();
    final TextField filter = new TextField();
    final TextField file = new TextField();

    LiveCaptureDialog(String defaultFilter) {
        setTitle("Start a live capture");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        try {
            for (LiveCapture.Interface i : LiveCapture.interfaces()) {
                iface.getItems().add(i.name());
            }
            setHeaderText("Capture needs root or CAP_NET_RAW; every frame is written to the file");
        } catch (LiveCaptureException e) {
            setHeaderText(e.getMessage());
        }
        iface.setItems(FXCollections.observableArrayList(iface.getItems()));
        if (!iface.getItems().isEmpty()) {
            iface.getSelectionModel().select(0);
        }
        filter.setText(defaultFilter);
        filter.setPrefColumnCount(50);
        file.setText(Path.of(System.getProperty("java.io.tmpdir"), "hascope-live-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".pcapng").toString());
        g.addRow(0, new Label("Interface"), iface);
        g.addRow(1, new Label("Capture filter (BPF)"), filter);
        g.addRow(2, new Label("Write to"), file);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b == ButtonType.OK && iface.getValue() != null
                ? new Request(iface.getValue(), filter.getText().trim(), Path.of(file.getText().trim())) : null);
    }
}
