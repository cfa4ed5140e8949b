package io.hascope.gui;

import io.hascope.capture.Frame;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.field.FieldTree;
import io.hascope.field.Severity;
import io.hascope.filter.DisplayFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The window: a menu and the filter bar on top; the packet list, detail tree and bytes (Wireshark's three panes)
 * and the HA views in tabs; a status bar with the load's progress and a cancel button. All file and analysis work
 * runs on a background thread; the JavaFX thread only shows results.
 */
final class MainWindow extends BorderPane {
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hascope-gui-worker");
        t.setDaemon(true);
        return t;
    });
    private Settings settings = Settings.load();
    private DissectorConfig dissectorConfig = settings.dissector();
    final PacketList packets = new PacketList();
    final DetailTree tree = new DetailTree(this::goTo);
    final BytesPane bytes = new BytesPane(this::byteClicked);
    final BytesPane customerBytes = new BytesPane(offset -> { });
    final TabPane bytesTabs = new TabPane();
    private final Tab customerTab = new Tab("Customer frame", customerBytes);
    final FindingsView findings = new FindingsView(this::goTo);
    final ScorecardView scorecard = new ScorecardView();
    final TablesView tables;
    final HoldsView holds = new HoldsView(this::goTo);
    final TimelineView timeline = new TimelineView(this::goTo);
    final IoGraphView ioGraph;
    final FilterBar filterBar = new FilterBar(this::applyFilter);
    final TabPane tabs = new TabPane();
    final Label status = new Label("No capture open: File › Open, or drop a file here");
    final ProgressBar progress = new ProgressBar(0);
    final Button cancel = new Button("Cancel");
    private Dissector dissector = new Dissector(dissectorConfig);
    private final FieldTree fields = new FieldTree();
    private final Frame frame = new Frame();
    private LoadedCapture capture;
    private Task<?> running;
    /** The live capture in progress (null when none). */
    private LiveCapturing live;
    /** Whether a capture from standard input waits for its first frame (read off the JavaFX thread). */
    private boolean waitingForPipe;
    final MenuItem startCapture = new MenuItem("Start…");
    final MenuItem stopCapture = new MenuItem("Stop");
    private Consumer<LoadedCapture> onLoaded = c -> {
    };
    private Consumer<LoadedCapture> onIndexed = c -> {
    };

    MainWindow() {
        setId("main-window");
        tables = new TablesView(background, this::filterOn, packets::selectedFrame);
        ioGraph = new IoGraphView(background, this::goTo);
        status.setId("status");
        progress.setVisible(false);
        cancel.setVisible(false);
        cancel.setId("cancel-load");
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        Tab frameTab = new Tab("Frame", bytes);
        frameTab.setClosable(false);
        customerTab.setClosable(false);
        customerTab.setId("tab-customer-frame");
        bytesTabs.getTabs().add(frameTab);
        SplitPane lower = new SplitPane(tree, bytesTabs);
        lower.setOrientation(Orientation.HORIZONTAL);
        SplitPane panes = new SplitPane(packets, lower);
        panes.setOrientation(Orientation.VERTICAL);
        panes.setDividerPositions(0.55);
        tabs.getTabs().addAll(tab("packets", "Packets", panes), tab("findings", "Findings", findings),
                tab("tables", "Connection tables", tables), tab("holds", "Holds", holds),
                tab("timeline", "Timeline", timeline), tab("io-graph", "I/O Graph", ioGraph),
                tab("scorecard", "Scorecard", scorecard));
        ioGraphTab().selectedProperty().addListener((o, was, now) -> {
            if (now) {
                ioGraph.becameVisible();
            }
        });
        VBox top = new VBox(menu(), filterBar);
        filterBar.setPadding(new Insets(4));
        setTop(top);
        setCenter(tabs);
        HBox bar = new HBox(8, status, progress, cancel);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        bar.setPadding(new Insets(3, 6, 3, 6));
        setBottom(bar);

        packets.selectedFrameProperty().addListener((o, was, now) -> showFrame(now));
        tree.setContextMenu(treeMenu());
        // a filter: the table's own keys would take Ctrl+Right and Ctrl+Left before they bubble up to the list
        packets.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Integer n = packets.selectedFrame();
            if (n == null || !e.isShortcutDown()) {
                return;
            }
            if (e.getCode() == KeyCode.RIGHT || e.getCode() == KeyCode.LEFT) {
                int related = relatedFrame(n, e.getCode() == KeyCode.RIGHT);
                if (related > 0) {
                    goTo(related);
                }
                e.consume();
            } else if (e.getCode() == KeyCode.M) {
                packets.toggleMark(n);
                e.consume();
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.getValue() != null) {
                bytes.highlight(now.getValue().start(), now.getValue().length());
            }
        });
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                open(e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList(), java.util.List.of());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private Tab ioGraphTab() {
        return tabs.getTabs().stream().filter(t -> "tab-io-graph".equals(t.getId())).findFirst().orElseThrow();
    }

    /** Shows the tab of a view by its name (packets, findings, tables, holds, timeline, io-graph, scorecard). */
    void showView(String view) {
        tabs.getTabs().stream().filter(t -> ("tab-" + view).equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private static Tab tab(String id, String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + id);
        t.setClosable(false);
        return t;
    }

    /** Right-click on a field: filters from it, its value, or a column of it. */
    private javafx.scene.control.ContextMenu treeMenu() {
        MenuItem apply = new MenuItem("Apply as Filter");
        MenuItem prepare = new MenuItem("Prepare as Filter");
        MenuItem copyValue = new MenuItem("Copy Value");
        MenuItem copyFilter = new MenuItem("Copy as Filter");
        MenuItem column = new MenuItem("Apply as Column");
        apply.setOnAction(e -> selectedLine().ifPresent(l -> filterOn(l.filter())));
        prepare.setOnAction(e -> selectedLine().ifPresent(l -> filterBar.text.setText(l.filter())));
        copyValue.setOnAction(e -> selectedLine().ifPresent(l -> copy(l.value())));
        copyFilter.setOnAction(e -> selectedLine().ifPresent(l -> copy(l.filter())));
        column.setOnAction(e -> selectedLine().ifPresent(l -> packets.addFieldColumn(l.field())));
        return new javafx.scene.control.ContextMenu(apply, prepare, copyValue, copyFilter, column);
    }

    private java.util.Optional<DetailTree.Line> selectedLine() {
        var item = tree.getSelectionModel().getSelectedItem();
        return item == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(item.getValue());
    }

    private static void copy(String text) {
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }

    /** A request's reply (forward), or a reply's or resend's request (back); -1 when there is none. */
    int relatedFrame(int n, boolean forward) {
        if (capture == null || capture.annotations == null) {
            return -1;
        }
        var a = capture.annotations;
        long f = forward ? a.value(n, io.hascope.field.AnalysisFields.REPLY_IN)
                : Math.max(a.value(n, io.hascope.field.AnalysisFields.REPLY_TO),
                        a.value(n, io.hascope.field.AnalysisFields.RETRANSMISSION));
        return (int) f;
    }

    private MenuBar menu() {
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Captures", "*.pcap", "*.pcapng",
                    "*.cap", "*.pcap.gz", "*.pcapng.gz", "*"));
            Window w = getScene() == null ? null : getScene().getWindow();
            // several chosen at once are merged into one, as files dropped together are
            java.util.List<java.io.File> chosen = chooser.showOpenMultipleDialog(w);
            if (chosen != null && !chosen.isEmpty()) {
                open(chosen.stream().map(java.io.File::toPath).toList(), java.util.List.of());
            }
        });
        Menu recent = new Menu("Open Recent");
        recent.setOnShowing(e -> {
            recent.getItems().clear();
            for (Path p : RecentFiles.list()) {
                MenuItem item = new MenuItem(p.toString());
                item.setOnAction(a -> open(p));
                recent.getItems().add(item);
            }
        });
        recent.getItems().add(new MenuItem("(none)"));
        MenuItem exportDisplayed = new MenuItem("Export Displayed…");
        exportDisplayed.setOnAction(e -> chooseExport(false));
        MenuItem exportMarked = new MenuItem("Export Marked…");
        exportMarked.setOnAction(e -> chooseExport(true));
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> Platform.exit());
        MenuItem goTo = new MenuItem("Go to Frame…");
        goTo.setAccelerator(new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN));
        goTo.setOnAction(e -> askFrame());
        startCapture.setOnAction(e -> new LiveCaptureDialog(defaultCaptureFilter())
                .showAndWait().ifPresent(r -> startLive(r.interfaces(), r.filter(), r.file(), r.taps())));
        stopCapture.setOnAction(e -> stopLive());
        stopCapture.setDisable(true);
        Menu timeFormat = new Menu("Time Display Format");
        javafx.scene.control.ToggleGroup formats = new javafx.scene.control.ToggleGroup();
        for (TimeFormat f : TimeFormat.values()) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(f.label);
            item.setToggleGroup(formats);
            item.setSelected(f == packets.timeFormat());
            item.setOnAction(e -> packets.timeFormat(f));
            timeFormat.getItems().add(item);
        }
        MenuItem preferences = new MenuItem("Preferences…");
        preferences.setOnAction(e -> new PreferencesDialog(settings).showAndWait().ifPresent(this::applySettings));
        return new MenuBar(new Menu("File", null, open, recent, exportDisplayed, exportMarked, quit),
                new Menu("Edit", null, preferences),
                new Menu("View", null, timeFormat),
                new Menu("Go", null, goTo), new Menu("Capture", null, startCapture, stopCapture));
    }

    private void chooseExport(boolean markedOnly) {
        LoadedCapture c = capture;
        if (c == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        String stem = c.file.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("\\.[^.]*$", "");
        chooser.setInitialFileName(stem + (markedOnly ? "-marked" : "-displayed") + ".pcapng");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("pcapng", "*.pcapng"));
        java.io.File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            export(f.toPath(), markedOnly);
        }
    }

    /**
     * Writes the frames the list shows (only the marked ones with markedOnly) to a pcapng, as Wireshark's Export
     * Specified Packets: whole records, each on its interface as the capture declared them, in the background; the
     * file appears under its name only once complete (the status bar says how it went).
     */
    void export(Path target, boolean markedOnly) {
        LoadedCapture c = capture;
        if (c == null) {
            return;
        }
        if (live != null) {
            status.setText("export once the capture is stopped (the file it writes holds every frame meanwhile)");
            return;
        }
        if (target.toAbsolutePath().equals(c.file.toAbsolutePath())) {
            status.setText("cannot export into the capture shown (" + target.getFileName() + "): choose another file");
            return;
        }
        int[] frames = packets.displayedFrames(markedOnly);
        Task<Integer> task = new Task<>() {
            @Override
            protected Integer call() throws Exception {
                io.hascope.capture.PcapngWriter writer = new io.hascope.capture.PcapngWriter(target, "hascope gui");
                try (io.hascope.capture.FrameStore in = c.index.secondReader()) {
                    io.hascope.capture.FrameCopier copier = new io.hascope.capture.FrameCopier(c.interfaces, writer);
                    Frame f = new Frame();
                    for (int i = 0; i < frames.length && !isCancelled(); i++) {
                        copier.copy(in.read(frames[i], f), null);
                    }
                    if (isCancelled()) {
                        writer.abort();
                        return -1;
                    }
                    writer.close();
                    return frames.length;
                } catch (IOException | RuntimeException e) {
                    writer.abort(); // nothing half-written under the name
                    throw e;
                }
            }
        };
        task.setOnSucceeded(e -> {
            status.getStyleClass().remove("status-error");
            status.setText(String.format(Locale.ROOT, "exported %,d %s frames to %s", frames.length,
                    markedOnly ? "marked" : "displayed", target));
        });
        task.setOnFailed(e -> {
            status.getStyleClass().add("status-error");
            status.setText("cannot export to " + target + ": " + task.getException().getMessage());
        });
        background.submit(task);
    }

    /** Told on the JavaFX thread when the frame list is shown (before the analysis is done). */
    void whenIndexed(Consumer<LoadedCapture> action) {
        this.onIndexed = action;
    }

    void whenLoaded(Consumer<LoadedCapture> action) {
        this.onLoaded = action;
    }

    /** Loads a capture in the background; the window stays usable and shows progress, and Cancel stops it. */
    void open(Path file) {
        open(file, java.util.List.of());
    }

    /** As above, with the capture's taps named (--tap ADDR=IFACE; empty: recognised from the capture). */
    void open(Path file, java.util.List<String> taps) {
        open(file, taps, null);
    }

    /**
     * Several captures at once (dropped together, or named on the command line) are merged into one, as Wireshark
     * merges files dropped together and as hascope merge does: a tap at each DPU's port saved as a file each opens
     * as one two-tap capture, its interfaces named after the files for --tap. One file opens as itself.
     */
    void open(java.util.List<Path> files, java.util.List<String> taps) {
        if (files.size() == 1) {
            open(files.get(0), taps);
            return;
        }
        try {
            Path merged = java.nio.file.Files.createTempFile("hascope-merged-", ".pcapng");
            merged.toFile().deleteOnExit();
            open(merged, taps, files);
        } catch (IOException e) {
            status.setText("cannot merge the captures: " + e.getMessage());
        }
    }

    private void open(Path file, java.util.List<String> taps, java.util.List<Path> merging) {
        if (running != null) {
            running.cancel();
        }
        CaptureLoader[] self = new CaptureLoader[1];
        CaptureLoader loader = new CaptureLoader(file, dissectorConfig, settings.analysis.copy(), taps, c -> {
            if (running == self[0]) {
                showIndexed(c);
            }
        }, merging);
        self[0] = loader;
        running = loader;
        progress.progressProperty().bind(loader.progressProperty());
        status.textProperty().bind(loader.messageProperty());
        progress.setVisible(true);
        cancel.setVisible(true);
        loader.setOnSucceeded(e -> {
            if (running != loader) {
                return; // replaced by a newer open
            }
            done();
            showAnalysis(loader.getValue());
            if (merging == null) {
                RecentFiles.add(file); // a merge's file is a temporary one
            }
            onLoaded.accept(loader.getValue());
        });
        loader.setOnCancelled(e -> {
            if (running != loader) {
                return;
            }
            done();
            status.setText("Loading " + file.getFileName() + " was cancelled");
        });
        loader.setOnFailed(e -> {
            if (running != loader) {
                return;
            }
            done();
            Throwable t = loader.getException();
            status.getStyleClass().add("status-error");
            status.setText(file + ": " + (t.getMessage() == null ? t.toString() : t.getMessage()));
            onLoaded.accept(null);
        });
        background.submit(loader);
    }

    /** New settings: kept, and used from the next capture opened. */
    void applySettings(Settings s) {
        settings = s;
        dissectorConfig = s.dissector();
        s.save();
        status.setText("Preferences saved; they apply to the next capture opened");
    }

    private void done() {
        progress.progressProperty().unbind();
        status.textProperty().unbind();
        progress.setVisible(false);
        cancel.setVisible(false);
        status.getStyleClass().remove("status-error");
        running = null;
    }

    /** First pass done: every frame is listed (findings and colours follow with the analysis). */
    private void showIndexed(LoadedCapture c) {
        if (capture != null && capture != c) {
            capture.discard();
        }
        this.capture = c;
        dissector = new Dissector(c.dissectorConfig); // the settings it was loaded with, not later ones
        if (c.index.size() > 0) {
            dissector.setTimeReference(c.index.timeNanos(1)); // frame.time_relative counts from the first frame
        }
        packets.show(c, new FrameSummaries(c.index, c.dissectorConfig), FrameNumbers.all(c.index.size()));
        findings.show(java.util.List.of());
        tree.setRoot(null);
        bytes.show(new byte[0]);
        onIndexed.accept(c);
    }

    /** Second pass done: findings, tables, scorecard and the row colours. */
    private void showAnalysis(LoadedCapture c) {
        if (capture != c) {
            showIndexed(c);
        }
        findings.show(c.result.findings());
        scorecard.show(c.result);
        tables.show(c);
        holds.show(c);
        timeline.show(c);
        ioGraph.show(c, ioGraphTab().isSelected());
        packets.refresh(); // the rows take their colours
        updateStatus();
        if (c.problem != null) {
            status.getStyleClass().add("status-error");
        }
    }

    LoadedCapture capture() {
        return capture;
    }

    private void updateStatus() {
        LoadedCapture c = capture;
        if (c.result == null) {
            status.setText(String.format(Locale.ROOT, "%s · %,d frames · displayed %,d · analysing …",
                    c.file.getFileName(), c.index.size(), packets.displayed()));
            return;
        }
        Map<Severity, Long> sev = c.result.bySeverity();
        // every severity, chat too, as analyze's report counts them: a capture of retransmissions alone had read
        // "0 error, 0 warn, 0 note" beside its tinted rows
        status.setText(String.format(Locale.ROOT, "%s · %,d frames · displayed %,d · findings: %d error, %d warn, %d"
                        + " note, %d chat · loaded in %.2f s%s", c.file.getFileName(), c.index.size(),
                packets.displayed(), sev.get(Severity.ERROR), sev.get(Severity.WARN), sev.get(Severity.NOTE),
                sev.get(Severity.CHAT), c.loadNanos / 1e9, c.problem == null ? "" : " · " + c.problem.message()));
    }

    private void showFrame(Integer number) {
        if (number == null || capture == null) {
            return;
        }
        try {
            capture.dissect(number, dissector, frame, fields); // with [reply in], [reply time], [lost reply] ...
            tree.show(frame, fields);
            byte[] all = frame.copyBytes();
            bytes.show(all);
            showCustomerFrame(all);
        } catch (IOException e) {
            status.setText("frame " + number + ": " + e.getMessage());
        }
    }

    /** A carried customer frame (PACKET_UPDATE, DASH) gets a tab of its own bytes; others have none. */
    private void showCustomerFrame(byte[] all) {
        int i = fields.first(io.hascope.field.HasyncFields.PKT_FRAME);
        if (i < 0) {
            i = fields.first(io.hascope.field.DashFields.INNER);
        }
        if (i < 0 || fields.start(i) < 0) {
            bytesTabs.getTabs().remove(customerTab);
            return;
        }
        int start = fields.start(i) - frame.offset();
        int length = Math.min(fields.length(i), all.length - start);
        customerBytes.show(java.util.Arrays.copyOfRange(all, start, start + Math.max(0, length)));
        if (!bytesTabs.getTabs().contains(customerTab)) {
            bytesTabs.getTabs().add(customerTab);
        }
    }

    private void byteClicked(int offset) {
        tree.selectByte(offset);
    }

    /** Selects frame number in the packet list (switching to it); says so when the filter hides it. */
    void goTo(int number) {
        tabs.getSelectionModel().select(0);
        if (capture != null && !packets.select(number)) {
            status.setText("frame " + number + " is not displayed (clear the filter to see it)");
        }
    }

    private void askFrame() {
        TextInputDialog d = new TextInputDialog();
        d.setHeaderText("Go to frame");
        d.showAndWait().ifPresent(t -> {
            try {
                goTo(Integer.parseInt(t.trim()));
            } catch (NumberFormatException e) {
                status.setText("'" + t + "' is not a frame number");
            }
        });
    }

    /** Puts a filter in the bar, applies it and shows the packet list. */
    void filterOn(String filter) {
        filterBar.text.setText(filter);
        applyFilter(filterBar.validate());
        tabs.getSelectionModel().select(0);
    }

    /**
     * Captures from an interface: every frame goes to file and, as it is written, into the packet list; findings
     * appear as the streaming analysis makes them certain; the status bar follows the capture. When it stops (Stop,
     * or the interface goes away) the written file is opened as any capture, with every view.
     */
    void startLive(String iface, String filter, Path file) {
        startLive(java.util.List.of(iface), filter, file, java.util.List.of());
    }

    /**
     * As above, on one interface or on a tap at each DPU's port (two interfaces, merged in time order), the taps named
     * as --tap names them (ADDR=IFACE; empty: recognised from the capture). A bad tap or interface is the status bar's
     * sentence.
     */
    void startLive(java.util.List<String> ifaces, String filter, Path file, java.util.List<String> taps) {
        if (live != null || waitingForPipe) {
            return;
        }
        if (ifaces.equals(java.util.List.of("-"))) {
            startFromPipe(file, taps);
            return;
        }
        String iface = String.join(", ", ifaces);
        io.hascope.analysis.NamedTaps named = null;
        io.hascope.live.FrameSource source;
        try {
            if (!taps.isEmpty()) {
                if (ifaces.size() < 2) {
                    throw new IllegalArgumentException("taps are named for a tap at each DPU's port: choose a second"
                            + " interface");
                }
                named = io.hascope.analysis.NamedTaps.parseLive(taps, ifaces);
            }
            if (ifaces.size() != new java.util.HashSet<>(ifaces).size()) {
                throw new IllegalArgumentException("the same interface is chosen twice: " + iface);
            }
            source = io.hascope.live.MultiInterfaceCapture.open(ifaces, 65535, 64 << 20, filter, true);
        } catch (io.hascope.live.LiveCaptureException | IllegalArgumentException e) {
            status.getStyleClass().add("status-error");
            status.setText(e.getMessage());
            return;
        } catch (RuntimeException | LinkageError e) {
            status.getStyleClass().add("status-error");
            status.setText("cannot capture on " + iface + ": " + e);
            return;
        }
        beginLive(source, iface, file, taps, named);
    }

    /** The capture filter a capture starts with: the HA ports of the preferences and the DASH EtherType. */
    String defaultCaptureFilter() {
        return io.hascope.live.LiveCapture.defaultFilter(Settings.ports("hasync ports", settings.hasyncPorts),
                Settings.ports("DP ports", settings.dpPorts));
    }

    /**
     * -i -: a capture piped in (ssh dpu tcpdump -w - | hascope gui -k -i -), as Wireshark reads one: its first frame,
     * which says its interfaces, is awaited on a thread of its own, then the session starts as for an interface.
     */
    private void startFromPipe(Path file, java.util.List<String> taps) {
        waitingForPipe = true;
        status.getStyleClass().remove("status-error");
        status.setText("waiting for the first frame on standard input");
        Thread t = new Thread(() -> {
            io.hascope.live.FrameSource source;
            try {
                source = io.hascope.live.PipeSource.open(io.hascope.capture.Captures.open("-"), "standard input");
            } catch (io.hascope.live.LiveCaptureException | IOException | RuntimeException e) {
                Platform.runLater(() -> {
                    waitingForPipe = false;
                    status.getStyleClass().add("status-error");
                    status.setText("cannot read standard input: " + e.getMessage());
                });
                return;
            }
            Platform.runLater(() -> {
                waitingForPipe = false;
                io.hascope.analysis.NamedTaps named = null;
                if (!taps.isEmpty()) {
                    try {
                        named = io.hascope.analysis.NamedTaps.parseLive(taps, source.interfaceNames());
                    } catch (IllegalArgumentException e) {
                        source.close();
                        status.getStyleClass().add("status-error");
                        status.setText(e.getMessage());
                        return;
                    }
                }
                beginLive(source, "standard input", file, taps, named);
            });
        }, "hascope-pipe-open");
        t.setDaemon(true);
        t.start();
    }

    /** The session on an opened source: its file, its analysis, and the views following it. */
    private void beginLive(io.hascope.live.FrameSource source, String iface, Path file, java.util.List<String> taps,
                           io.hascope.analysis.NamedTaps named) {
        try {
            live = LiveCapturing.start(source, iface, file, taps, named, settings.analysis.copy(),
                    settings.liveFindings, dissectorConfig, liveWindow);
        } catch (IOException e) {
            status.setText("cannot write " + file + ": " + e.getMessage());
            return;
        }
        startCapture.setDisable(true);
        stopCapture.setDisable(false);
        status.getStyleClass().remove("status-error");
        showIndexed(live.shown(dissectorConfig));
        DisplayFilter inBar = filterBar.validate();
        if (inBar != null) {
            applyFilter(inBar); // the filter in the bar goes on applying, as in Wireshark
        }
    }

    /** What of the window a live capture drives, and what it does when the capture ends. */
    private final LiveCapturing.Window liveWindow = new LiveCapturing.Window() {
        @Override
        public PacketList packets() {
            return packets;
        }

        @Override
        public FindingsView findings() {
            return findings;
        }

        @Override
        public void status(String text) {
            status.setText(text);
        }

        @Override
        public void ended(LiveCapturing capture, String why) {
            live = null;
            startCapture.setDisable(false);
            stopCapture.setDisable(true);
            boolean filtered = capture.stopFilter();
            open(capture.file(), capture.taps()); // every view, from the file just written, its taps as they were
            whenLoadedOnce(c -> closeQuietly(capture.frames())); // shown until then, read back from the file
            if (filtered) {
                whenLoadedOnce(c -> applyFilter(filterBar.validate())); // and the analysis fields can match now
            }
            if (why != null) {
                whenLoadedOnce(c -> {
                    status.getStyleClass().add("status-error");
                    status.setText(status.getText() + " · the capture ended: " + why);
                });
            }
        }
    };

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // a file only read from: nothing is lost
        }
    }

    private void whenLoadedOnce(Consumer<LoadedCapture> then) {
        Consumer<LoadedCapture> before = onLoaded;
        onLoaded = c -> {
            onLoaded = before;
            before.accept(c);
            then.accept(c);
        };
    }

    /** Stops the live capture; what is on its way is written, then the file opens with every view. */
    void stopLive() {
        if (live != null) {
            live.stop();
        }
    }

    boolean capturing() {
        return live != null;
    }

    /** Filters every frame in the background; the list shows the matching frames when done. */
    private void applyFilter(DisplayFilter filter) {
        LoadedCapture c = capture;
        if (c == null) {
            return;
        }
        if (live != null) {
            live.filter(filter, c.dissectorConfig);
            return;
        }
        if (filter == null) {
            packets.display(FrameNumbers.all(c.index.size()));
            updateStatus();
            return;
        }
        Task<int[]> task = new Task<>() {
            @Override
            protected int[] call() throws Exception {
                Dissector d = new Dissector(c.dissectorConfig);
                FieldTree t = FieldTree.only(filter.fields());
                Frame f = new Frame();
                int[] out = new int[c.index.size()];
                int n = 0;
                // a reader of its own: the packet list goes on reading its rows on the JavaFX thread meanwhile
                try (io.hascope.capture.FrameStore frames = c.index.secondReader()) {
                    for (int i = 1; i <= frames.size() && !isCancelled(); i++) {
                        c.dissect(frames, i, d, f, t); // so hasync.analysis.* filters work as with decode -2
                        if (filter.matches(t)) {
                            out[n++] = i;
                        }
                        if ((i & 0xffff) == 0) {
                            updateProgress(i, frames.size());
                        }
                    }
                }
                return Arrays.copyOf(out, n);
            }
        };
        task.setOnSucceeded(e -> {
            packets.display(task.getValue());
            updateStatus();
        });
        task.setOnFailed(e -> status.setText("filtering failed: " + task.getException().getMessage()));
        background.submit(task);
    }

    void close() {
        if (live != null) {
            live.stopFilter();
        }
        stopLive();
        background.shutdownNow();
    }
}
