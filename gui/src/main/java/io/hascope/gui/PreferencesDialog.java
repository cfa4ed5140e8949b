package io.hascope.gui;

import io.hascope.analysis.AnalysisConfig;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Edit › Preferences: ports, heuristics and the analysis thresholds; refused with the reason when not valid. */
final class PreferencesDialog extends Dialog<Settings> {
    final TextField hasync = new TextField();
    final TextField dp = new TextField();
    final CheckBox heuristics = new CheckBox("try hasync and DASH on other UDP ports (heuristics)");
    final TextField[] thresholds = new TextField[7];
    final CheckBox dashResends = new CheckBox("DASH senders resend on timeout (a copy of an unanswered request is"
            + " its resend)");
    /** How many findings a live capture lists, as live's --keep-findings. */
    final TextField liveFindings = new TextField();
    final Label error = new Label();
    private static final String[] NAMES = {"reply timeout (ms)", "divergence grace (ms)", "zombie grace (ms)",
        "HA timeout (ms)", "failover silence (ms)", "max NACK", "idle timeout (ms)"};

    PreferencesDialog(Settings current) {
        setTitle("Preferences");
        setHeaderText("Applied to the next capture opened");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        hasync.setText(current.hasyncPorts);
        dp.setText(current.dpPorts);
        heuristics.setSelected(current.heuristics);
        g.addRow(0, new Label("hasync UDP ports"), hasync);
        g.addRow(1, new Label("DASH DP channel ports"), dp);
        g.add(heuristics, 1, 2);
        AnalysisConfig a = current.analysis;
        long[] values = {a.replyTimeout / AnalysisConfig.MS, a.divergenceGrace / AnalysisConfig.MS,
            a.zombieGrace / AnalysisConfig.MS, a.haTimeout / AnalysisConfig.MS, a.failoverSilence / AnalysisConfig.MS,
            a.maxNack, a.idleTimeout / AnalysisConfig.MS};
        for (int i = 0; i < thresholds.length; i++) {
            thresholds[i] = new TextField(Long.toString(values[i]));
            g.addRow(3 + i, new Label(NAMES[i]), thresholds[i]);
        }
        dashResends.setSelected(a.dashResends);
        g.add(dashResends, 1, 10);
        liveFindings.setText(Long.toString(current.liveFindings));
        g.addRow(11, new Label("findings listed live"), liveFindings);
        error.setId("preferences-error");
        error.getStyleClass().add("status-error");
        g.add(error, 0, 12, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            if (read().isEmpty()) {
                e.consume(); // stays open, with the reason shown
            }
        });
        setResultConverter(b -> b == ButtonType.OK ? read().orElse(null) : null);
    }

    private long liveFindings() {
        String text = liveFindings.getText().trim();
        try {
            long n = Long.parseLong(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("findings listed live: '" + text + "' is not a count of 0 or more");
    }

    /** The settings in the fields, or empty with the reason in the dialog. */
    Optional<Settings> read() {
        Settings s = new Settings();
        s.hasyncPorts = hasync.getText().trim();
        s.dpPorts = dp.getText().trim();
        s.heuristics = heuristics.isSelected();
        try {
            s.dissector();
            long[] v = new long[thresholds.length];
            for (int i = 0; i < v.length; i++) {
                try {
                    v[i] = Long.parseLong(thresholds[i].getText().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(NAMES[i] + ": '" + thresholds[i].getText() + "' is not a number");
                }
            }
            AnalysisConfig a = s.analysis;
            a.replyTimeout = v[0] * AnalysisConfig.MS;
            a.divergenceGrace = v[1] * AnalysisConfig.MS;
            a.zombieGrace = v[2] * AnalysisConfig.MS;
            a.haTimeout = v[3] * AnalysisConfig.MS;
            a.failoverSilence = v[4] * AnalysisConfig.MS;
            a.maxNack = (int) Math.min(Integer.MAX_VALUE, v[5]);
            a.idleTimeout = v[6] * AnalysisConfig.MS;
            a.dashResends = dashResends.isSelected();
            a.validate();
            s.liveFindings = liveFindings();
            error.setText("");
            return Optional.of(s);
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            return Optional.empty();
        }
    }
}
