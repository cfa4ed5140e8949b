package io.hascope.gui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window; files from the command line open in it; --screenshot writes a PNG and exits. */
public final class HascopeApp extends Application {
    static GuiOptions options = new GuiOptions(java.util.List.of(), null, "packets", false,
            java.util.List.of(), java.util.List.of(), null, null);
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        window = new MainWindow();
        Scene scene = new Scene(window, 1400, 860);
        scene.getStylesheets().add(HascopeApp.class.getResource("hascope.css").toExternalForm());
        stage.setTitle("hascope");
        stage.setScene(scene);
        stage.show();
        if (options.bench()) {
            new GuiBench(window, scene).run(options.files().get(0));
            return;
        }
        if (options.screenshot() != null) {
            // the view first: the I/O graph counts its lines in the background once it is on screen, and its
            // picture waits for them
            window.whenLoaded(c -> {
                window.showView(options.view());
                window.ioGraph.drawn().whenComplete((done, failed) -> Platform.runLater(() -> screenshot(stage, c)));
            });
        }
        if (!options.interfaces().isEmpty()) {
            Path file = options.captureFile() != null ? options.captureFile() : temporaryCaptureFile();
            window.startLive(options.interfaces(), options.captureFilter() != null ? options.captureFilter()
                    : window.defaultCaptureFilter(), file, options.taps());
        }
        if (!options.files().isEmpty()) {
            stage.setTitle("hascope — " + String.join(" + ", options.files().stream()
                    .map(f -> f.getFileName().toString()).toList()));
            window.open(options.files(), options.taps()); // several: merged into one, as Wireshark's drop
        }
    }

    /** Where a capture started without -w is written, as Wireshark writes its own: the temporary folder. */
    private Path temporaryCaptureFile() {
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyyMMddHHmmss"));
        String name = String.join("_", options.interfaces()).replaceAll("[^A-Za-z0-9.]", "");
        return Path.of(System.getProperty("java.io.tmpdir"), "hascope_" + (name.isEmpty() ? "stdin" : name) + "_"
                + stamp + "_" + ProcessHandle.current().pid() + ".pcapng");
    }

    private void screenshot(Stage stage, LoadedCapture c) {
        int code = 0;
        try {
            if (c == null) {
                System.err.println("hascope gui: " + window.status.getText());
                code = 3;
            } else {
                window.showView(options.view());
                if (!c.result.findings().isEmpty()) {
                    window.packets.select((int) c.result.findings().get(0).frame());
                } else if (c.index.size() > 0) {
                    window.packets.select(1);
                }
                Screenshot.write(stage.getScene(), options.screenshot());
                System.err.println("hascope gui: wrote " + options.screenshot());
            }
        } catch (Exception e) {
            System.err.println("hascope gui: cannot write " + options.screenshot() + ": " + e.getMessage());
            code = 5;
        }
        // straight out, as GuiBench does: Platform.exit() disposes the renderer under queued mouse events
        System.exit(code);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
