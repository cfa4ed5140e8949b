package io.hascope.gui;

import io.hascope.live.LiveCapture;
import io.hascope.live.LiveCaptureException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Capture › Start: which interface (and a second, for a tap at each DPU's port), which capture filter, the taps named
 * as with --tap, and the file every frame goes to.
 */
final class LiveCaptureDialog extends Dialog<LiveCaptureDialog.Request> {
    /** What to capture and where to keep it: one interface, or two with their taps named (or recognised: none). */
    record Request(List<String> interfaces, String filter, Path file, List<String> taps) {
    }

    static final String NO_SECOND = "(none)";
    final ChoiceBox<String> iface = new ChoiceBox<>();
    final ChoiceBox<String> second = new ChoiceBox<>();
    final TextField taps = new TextField();
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
        second.getItems().add(NO_SECOND);
        second.getItems().addAll(iface.getItems());
        second.getSelectionModel().select(0);
        taps.setPromptText("ADDR=IFACE, ADDR=IFACE (the DPU each tap's interface mirrors; empty: recognised)");
        taps.setPrefColumnCount(50);
        filter.setText(defaultFilter);
        filter.setPrefColumnCount(50);
        file.setText(Path.of(System.getProperty("java.io.tmpdir"), "hascope-live-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".pcapng").toString());
        g.addRow(0, new Label("Interface"), iface);
        g.addRow(1, new Label("Second interface (a tap at each DPU's port)"), second);
        g.addRow(2, new Label("Taps"), taps);
        g.addRow(3, new Label("Capture filter (BPF)"), filter);
        g.addRow(4, new Label("Write to"), file);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b == ButtonType.OK && iface.getValue() != null ? request() : null);
    }

    Request request() {
        List<String> interfaces = new ArrayList<>(List.of(iface.getValue()));
        if (second.getValue() != null && !second.getValue().equals(NO_SECOND)) {
            interfaces.add(second.getValue());
        }
        List<String> named = new ArrayList<>();
        for (String t : taps.getText().split("[,\\s]+")) {
            if (!t.isBlank()) {
                named.add(t.trim());
            }
        }
        return new Request(interfaces, filter.getText().trim(), Path.of(file.getText().trim()), named);
    }
}
