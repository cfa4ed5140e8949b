package io.hascope.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.analysis.Finding;
import io.hascope.analysis.FindingType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window under headless Monocle: what a user opens, filters, selects and clicks, and what must then hold. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = new MainWindow();
        Scene scene = new Scene(window, 1200, 800);
        scene.getStylesheets().add(HascopeApp.class.getResource("hascope.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("samples/README.md"))) {
                return p.resolve("samples");
            }
        }
        throw new IllegalStateException("samples/ not found");
    }

    static Stream<String> sampleNames() throws Exception {
        try (Stream<Path> s = Files.list(samples())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcapng")).sorted().toList().stream();
        }
    }

    private LoadedCapture open(FxRobot robot, Path file) throws Exception {
        return open(robot, file, List.of());
    }

    private LoadedCapture open(FxRobot robot, Path file, List<String> taps) throws Exception {
        return openedBy(robot, () -> window.open(file, taps));
    }

    /** What opening does (on the JavaFX thread), once the window has loaded it (null: it could not). */
    private LoadedCapture openedBy(FxRobot robot, Runnable opening) throws Exception {
        LoadedCapture[] loaded = new LoadedCapture[1];
        boolean[] done = {false};
        robot.interact(() -> {
            window.whenLoaded(c -> {
                loaded[0] = c;
                done[0] = true;
            });
            opening.run();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> done[0]);
        WaitForAsyncUtils.waitForFxEvents();
        return loaded[0];
    }

    @ParameterizedTest
    @MethodSource("sampleNames")
    void everySampleOpensWithAllItsFramesListedAndItsFindings(String name, FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve(name));
        assertNotNull(c, window.status.getText());
        assertNull(c.problem);
        assertTrue(c.index.size() > 0);
        assertEquals(c.index.size(), window.packets.displayed());
        assertEquals(c.result.findings().size(), window.findings.getItems().size());
        assertTrue(window.status.getText().contains(String.format("%,d frames", c.index.size())), window.status.getText());
        // every severity counted, as analyze counts them (the rUDP samples' retransmissions are all chat)
        java.util.Map<io.hascope.field.Severity, Long> sev = c.result.bySeverity();
        assertTrue(window.status.getText().contains(String.format("findings: %d error, %d warn, %d note, %d chat",
                sev.get(io.hascope.field.Severity.ERROR), sev.get(io.hascope.field.Severity.WARN),
                sev.get(io.hascope.field.Severity.NOTE), sev.get(io.hascope.field.Severity.CHAT))),
                window.status.getText());
    }

    /** Every frame of a capture: its bytes and the name of the interface it came on. */
    private static List<String> framesWithInterfaces(Path file) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(file.toString())) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            while (r.next(f)) {
                out.add(r.interfaces().get(f.interfaceId()).name() + " " + f.timeNanos() + " "
                        + java.util.HexFormat.of().formatHex(f.copyBytes()));
            }
        }
        return out;
    }

    /**
     * File › Export Displayed and Export Marked write what the list shows, as Wireshark's Export Specified Packets:
     * each frame whole, at its time, on its interface under the capture's own names (a two-tap capture stays one).
     */
    @Test
    void exportWritesTheDisplayedOrMarkedFramesWholeOnTheirInterfaces(FxRobot robot) throws Exception {
        Path sample = samples().resolve("model-state-reorder.pcapng");
        open(robot, sample);
        List<String> all = framesWithInterfaces(sample);
        robot.interact(() -> window.filterOn("hasync.flags.reply == 1"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() < all.size());
        int[] shown = WaitForAsyncUtils.asyncFx(() -> window.packets.displayedFrames(false)).get(30, TimeUnit.SECONDS);
        assertTrue(shown.length > 10, "replies: " + shown.length);

        Path displayed = dir.resolve("displayed.pcapng");
        robot.interact(() -> window.export(displayed, false));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> window.status.getText()).get().startsWith("exported"));
        List<String> expected = java.util.Arrays.stream(shown).mapToObj(n -> all.get(n - 1)).toList();
        assertEquals(expected, framesWithInterfaces(displayed));
        assertTrue(expected.stream().anyMatch(l -> l.startsWith("tap-dpu-a ")), "the first tap's frames");
        assertTrue(expected.stream().anyMatch(l -> l.startsWith("tap-dpu-b ")), "and the second's");

        robot.interact(() -> {
            window.packets.toggleMark(shown[0]);
            window.packets.toggleMark(shown[5]);
            window.packets.toggleMark(shown[shown.length - 1]);
        });
        Path marked = dir.resolve("marked.pcapng");
        robot.interact(() -> window.export(marked, true));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(marked) && WaitForAsyncUtils.asyncFx(
                () -> window.status.getText()).get().startsWith("exported 3 marked"));
        assertEquals(List.of(all.get(shown[0] - 1), all.get(shown[5] - 1), all.get(shown[shown.length - 1] - 1)),
                framesWithInterfaces(marked));

        robot.interact(() -> window.export(dir.resolve("no-such-folder").resolve("x.pcapng"), false));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> window.status.getText()).get().startsWith("cannot export to"));
        robot.interact(() -> window.filterOn(""));
    }

    /** View › Time Display Format: the Time column as Wireshark offers it, from the frames' own times. */
    @Test
    void theTimeColumnFollowsTheTimeDisplayFormat(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-hold-failover.pcapng"));
        javafx.scene.control.TableColumn<Integer, ?> time = window.packets.columns().stream()
                .filter(col -> col.getText().equals("Time")).findFirst().orElseThrow();
        long t1 = c.index.timeNanos(1);
        long t2 = c.index.timeNanos(2);
        long t3 = c.index.timeNanos(3);
        robot.interact(() -> window.packets.timeFormat(TimeFormat.SINCE_START));
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f", (t3 - t1) / 1e9), time.getCellData(2));
        robot.interact(() -> window.packets.timeFormat(TimeFormat.SINCE_PREVIOUS_CAPTURED));
        assertEquals("0.000000", time.getCellData(0));
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f", (t3 - t2) / 1e9), time.getCellData(2));
        robot.interact(() -> window.packets.timeFormat(TimeFormat.UTC));
        java.time.Instant at = java.time.Instant.ofEpochSecond(0, t3);
        assertEquals(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
                .withZone(java.time.ZoneOffset.UTC).format(at), time.getCellData(2));
        robot.interact(() -> window.packets.timeFormat(TimeFormat.EPOCH));
        assertEquals(String.format(java.util.Locale.ROOT, "%d.%06d", t3 / 1_000_000_000L,
                (t3 % 1_000_000_000L + 500) / 1000), time.getCellData(2));

        // since the previous displayed frame: with a filter, the row above, not the frame before
        robot.interact(() -> window.filterOn("hasync.flags.reply == 1"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() < c.index.size());
        robot.interact(() -> window.packets.timeFormat(TimeFormat.SINCE_PREVIOUS_DISPLAYED));
        int[] shown = WaitForAsyncUtils.asyncFx(() -> window.packets.displayedFrames(false)).get(30, TimeUnit.SECONDS);
        assertTrue(shown[1] - shown[0] > 1, "replies are not adjacent frames");
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f",
                (c.index.timeNanos(shown[1]) - c.index.timeNanos(shown[0])) / 1e9), time.getCellData(1));
        robot.interact(() -> {
            window.filterOn("");
            window.packets.timeFormat(TimeFormat.SINCE_START);
        });
    }

    @Test
    void selectingAFrameShowsItsTreeAndBytesAndAFieldLightsUpItsBytes(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("sync-basic.pcapng"));
        robot.interact(() -> window.packets.select(3));
        WaitForAsyncUtils.waitForFxEvents();
        TreeItem<DetailTree.Line> root = window.tree.getRoot();
        assertTrue(root.getChildren().get(0).getValue().text().startsWith("Frame 3: "));
        assertTrue(root.getChildren().stream().anyMatch(i -> i.getValue().text().startsWith("Ethernet")),
                "the layers are there");
        int frameLength = c.index.capturedLength(3);
        assertTrue(window.bytes.getText().startsWith("0000  "));
        assertEquals((frameLength + 15) / 16, window.bytes.getText().split("\n").length, "one line per 16 bytes");

        // a field with bytes: select it, its bytes light up, the others do not
        TreeItem<DetailTree.Line> ip = root.getChildren().stream().filter(i -> i.getValue().text().startsWith(
                "Internet Protocol")).findFirst().orElseThrow();
        TreeItem<DetailTree.Line> field = ip.getChildren().stream().filter(i -> i.getValue().start() >= 0)
                .filter(i -> i.getValue().text().startsWith("Source")).findFirst().orElseThrow();
        robot.interact(() -> window.tree.getSelectionModel().select(field));
        WaitForAsyncUtils.waitForFxEvents();
        DetailTree.Line l = field.getValue();
        for (int b = 0; b < frameLength; b++) {
            assertEquals(b >= l.start() && b < l.start() + l.length(), window.bytes.isHighlighted(b), "byte " + b);
        }
        // and a byte selects the innermost field that holds it
        robot.interact(() -> window.tree.selectByte(l.start()));
        assertEquals(l.entry(), window.tree.getSelectionModel().getSelectedItem().getValue().entry());
    }

    @Test
    void aValidFilterShowsOnlyItsFramesAnInvalidOneTurnsRedAndClearShowsAllAgain(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("sync-basic.pcapng"));
        robot.interact(() -> window.filterBar.text.setText("dashmeta"));
        assertTrue(window.filterBar.text.getStyleClass().contains("filter-valid"));
        robot.interact(() -> window.filterBar.text.fireEvent(new javafx.event.ActionEvent()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() < c.index.size());
        int shown = window.packets.displayed();
        assertTrue(shown > 0 && shown < c.index.size(), shown + " of " + c.index.size());

        robot.interact(() -> window.filterBar.text.setText("ip.src == "));
        assertTrue(window.filterBar.text.getStyleClass().contains("filter-invalid"));
        assertFalse(window.filterBar.error.getText().isEmpty(), "the error says what is wrong and where");
        assertEquals(shown, window.packets.displayed(), "an invalid filter changes nothing");

        robot.interact(() -> {
            window.filterBar.text.clear();
            window.filterBar.text.fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == c.index.size());
    }

    @Test
    void thePacketListHoldsOneScreenfulAndItsKeysWheelAndScrollBarMoveOverEveryFrame(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-state-reorder.pcapng"));
        int frames = c.index.size();
        PacketList list = window.packets;
        javafx.scene.Node viewport = robot.from(list).lookup(".clipped-container").query(); // this window's
        // the list fits itself to its viewport after a layout pulse
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> list.rowsOnScreen()
                == (int) (viewport.getLayoutBounds().getHeight() / 22)).get());
        int screen = list.rowsOnScreen();
        assertTrue(screen > 5 && screen < 60 && frames > 1000, screen + " rows on screen of " + frames);
        assertEquals(frames, list.displayed());

        robot.clickOn(robot.from(list).lookup(".table-row-cell").queryAll().stream().filter(n ->
                n instanceof javafx.scene.control.TableRow<?> r && Integer.valueOf(3).equals(r.getItem()))
                .findFirst().orElseThrow());
        assertEquals(3, list.selectedFrame(), "a click selects the frame of its row");
        assertTrue(window.tree.getRoot().getChildren().get(0).getValue().text().startsWith("Frame 3:"));

        robot.interact(list::requestFocus);
        robot.type(javafx.scene.input.KeyCode.END);
        assertEquals(frames, list.selectedFrame(), "End selects the last frame");
        assertEquals(frames - screen, list.topRow(), "and shows it at the bottom");
        assertTrue(window.tree.getRoot().getChildren().get(0).getValue().text().startsWith("Frame " + frames + ":"));
        robot.type(javafx.scene.input.KeyCode.HOME);
        assertEquals(1, list.selectedFrame());
        assertEquals(0, list.topRow());
        robot.type(javafx.scene.input.KeyCode.DOWN, screen + 2);
        assertEquals(screen + 3, list.selectedFrame(), "Down moves one frame at a time past the screen's end");
        assertEquals(3, list.topRow(), "and the view follows it");
        robot.type(javafx.scene.input.KeyCode.PAGE_DOWN);
        assertEquals(2 * screen + 3, list.selectedFrame(), "Page Down moves a screenful");

        int top = list.topRow();
        javafx.scene.Node table = robot.from(list).lookup(".table-view").query();
        // one notch of a mouse wheel turned down, as GTK reports it: 40 pixels, 3 lines
        robot.interact(() -> javafx.event.Event.fireEvent(table, new javafx.scene.input.ScrollEvent(
                javafx.scene.input.ScrollEvent.SCROLL, 100, 100, 100, 100, false, false, false, false, false, false,
                0, -40, 0, -40, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.LINES, -3, 0, null)));
        assertEquals(top + 3, list.topRow(), "a wheel notch down scrolls three rows");
        assertEquals(2 * screen + 3, list.selectedFrame(), "scrolling leaves the selection");
        assertEquals(list.topRow(), (int) list.scrollBar().getValue(), "the scroll bar shows where the view is");

        robot.interact(() -> list.scrollBar().setValue(1000));
        assertEquals(1000, list.topRow(), "dragging the thumb moves the view");
        assertTrue(robot.from(list).lookup(".table-row-cell").queryAll().stream().anyMatch(n ->
                n instanceof javafx.scene.control.TableRow<?> r && Integer.valueOf(1001).equals(r.getItem())));
        assertEquals(screen, list.rowsOnScreen(), "never more rows than a screenful");

        robot.interact(() -> list.select(400));
        assertTrue(list.topRow() <= 399 && 399 < list.topRow() + screen, "a selected frame is brought into view");
        robot.interact(() -> window.filterOn("frame.number >= 300 && frame.number <= 500"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> list.displayed() == 201);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(400, list.selectedFrame(), "a filter that keeps the selected frame keeps it selected");
        robot.interact(() -> window.filterOn("frame.number < 300"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> list.displayed() == 299);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(list.selectedFrame(), "one that hides it leaves nothing selected");
        assertEquals(0, list.topRow());
        robot.interact(() -> window.filterOn("frame.number > 1000"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> list.displayed() == frames - 1000);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.from(list).lookup(".table-row-cell").queryAll().stream().anyMatch(n ->
                n instanceof javafx.scene.control.TableRow<?> r && Integer.valueOf(1001).equals(r.getItem())),
                "a filter's rows are drawn even when the view stays at the top");
        assertFalse(robot.from(list).lookup(".table-row-cell").queryAll().stream().anyMatch(n ->
                n instanceof javafx.scene.control.TableRow<?> r && Integer.valueOf(1).equals(r.getItem())));
    }

    @Test
    void clickingAFindingSelectsTheFrameThatProvesIt(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-hold-loss1.pcapng"));
        Finding lost = c.result.findings().stream().filter(f -> f.type() == FindingType.LOST_REPLY).findFirst()
                .orElseThrow();
        robot.interact(() -> window.tabs.getSelectionModel().select(1));
        int row = window.findings.getItems().indexOf(lost);
        robot.interact(() -> window.findings.table.scrollTo(row));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() == lost).findFirst()
                .orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, window.tabs.getSelectionModel().getSelectedIndex(), "back on the packet list");
        assertEquals((int) lost.frame(), window.packets.selectedFrame());
        assertTrue(window.tree.getRoot().getChildren().get(0).getValue().text().startsWith("Frame " + lost.frame() + ":"));
    }

    private static List<String> expectedLines(java.util.Map<String, io.hascope.analysis.DpuState> tables) {
        return io.hascope.analysis.TableDiff.of(tables).stream().map(r -> r.owner() + " → " + r.peer() + " "
                + r.connection() + " " + TablesView.entry(r.own()) + " " + TablesView.entry(r.copy()) + " "
                + r.difference().label()).toList();
    }

    /** The tables as the analysis has them at a time since the first frame, with taps named (or recognised). */
    private static List<String> tablesAsOf(Path capture, List<String> taps, double seconds) throws Exception {
        io.hascope.analysis.Analyzer then = new io.hascope.analysis.Analyzer(new io.hascope.analysis.AnalysisConfig());
        try (io.hascope.analysis.TappedReader input = io.hascope.analysis.TappedReader.of(
                io.hascope.capture.Captures.open(capture.toString()), capture.toString(), taps)) {
            io.hascope.analysis.CaptureAnalysis.run(input.reader(), io.hascope.decode.DissectorConfig.defaults(), then,
                    Long.MAX_VALUE, (long) (seconds * 1e9), null, null, input.taps());
        }
        return expectedLines(then.tables());
    }

    private List<String> shownLines() {
        return window.tables.lines().stream().map(l -> l.owner() + " " + l.connection() + " " + l.own() + " "
                + l.copy() + " " + l.difference()).toList();
    }

    @Test
    void theDiffOfTheFailoverSampleListsExactlyWhatTheAnalysisReports(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-hold-failover.pcapng"));
        robot.interact(() -> window.tabs.getSelectionModel().select(2)); // Connection tables
        List<String> expected = expectedLines(c.analyzer.tables());
        assertFalse(expected.isEmpty());
        assertEquals(expected, shownLines());
        assertTrue(expected.stream().anyMatch(l -> !l.endsWith(" ")), "the failover left differences to show");
    }

    @Test
    void theScorecardFirstSaysWhetherOneTapOrTwoSawTheCapture(FxRobot robot) throws Exception {
        open(robot, samples().resolve("model-hold-loss1.pcapng"));
        assertTrue(window.scorecard.getText().startsWith("single tap: losses after the tap cannot be seen\n"),
                window.scorecard.getText());
        open(robot, samples().resolve("model-state-reorder.pcapng"));
        assertTrue(window.scorecard.getText().startsWith("two taps: 836 frames seen arriving as well as leaving are"
                + " counted once"), "the sample made with a tap at each DPU: " + window.scorecard.getText());
        assertTrue(window.scorecard.getText().contains("\nscorecard\n  1 established connections kept: "),
                "the report's lines: " + window.scorecard.getText());
        assertTrue(window.scorecard.getText().contains("\nfindings: "), window.scorecard.getText());
    }

    @Test
    void theTimeSliderShowsTheTablesAsTheAnalysisSaysTheyWereThen(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-hold-loss1.pcapng"));
        robot.interact(() -> window.tabs.getSelectionModel().select(2)); // Connection tables
        for (double seconds : new double[] {0.5, 1.7, 3.2}) {
            io.hascope.analysis.Analyzer then = new io.hascope.analysis.Analyzer(new io.hascope.analysis.AnalysisConfig());
            try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(c.file.toString())) {
                io.hascope.analysis.CaptureAnalysis.run(r, io.hascope.decode.DissectorConfig.defaults(), then,
                        Long.MAX_VALUE, (long) (seconds * 1e9));
            }
            List<String> expected = expectedLines(then.tables());
            robot.interact(() -> window.tables.slider.setValue(seconds));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.tables.asOf.getText().equals(
                    String.format(java.util.Locale.ROOT, "as of %.3f s", seconds)));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(expected, shownLines(), "as of " + seconds + " s");
        }
        robot.interact(() -> window.tables.slider.setValue(window.tables.slider.getMax()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.tables.asOf.getText().equals("at the end"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expectedLines(c.analyzer.tables()), shownLines());
    }

    @Test
    void tapsNamedOnTheCommandLineJudgeTheCaptureAndTheTablesAsOfAFrame(FxRobot robot) throws Exception {
        Path twoTaps = samples().resolve("model-state-reorder.pcapng");
        LoadedCapture c = open(robot, twoTaps, List.of("192.0.2.1=tap-dpu-a", "192.0.2.2=1"));
        assertTrue(window.scorecard.getText().startsWith("two taps, named (192.0.2.1 at interface 0; 192.0.2.2 at"
                + " interface 1)"), window.scorecard.getText());
        LoadedCapture recognised = open(robot, twoTaps);
        assertEquals(recognised.result.findings(), c.result.findings(), "both taps saw every frame: the same findings");
        assertTrue(window.scorecard.getText().startsWith("two taps: 836 frames"), window.scorecard.getText());

        // A's tap missing every tenth frame A sends: the tables the time slider shows come from the named taps too
        Path thinned = dir.resolve("missed-by-a.pcapng");
        try (io.hascope.capture.CaptureReader in = io.hascope.capture.Captures.open(twoTaps.toString());
             io.hascope.capture.PcapngWriter out = new io.hascope.capture.PcapngWriter(thinned, "test")) {
            out.addInterface(1, 262144, "tap-dpu-a");
            out.addInterface(1, 262144, "tap-dpu-b");
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            int sentByA = 0;
            while (in.next(f)) {
                boolean fromA = f.interfaceId() == 0 && f.buffer().get(f.offset() + 14 + 15) == 1;
                if (!(fromA && ++sentByA % 10 == 0)) {
                    out.write(f.interfaceId(), f.timeNanos(), f.buffer(), f.offset(), f.capturedLength(),
                            f.originalLength(), null);
                }
            }
        }
        List<String> named = List.of("192.0.2.1=0", "192.0.2.2=1");
        open(robot, thinned, named);
        robot.interact(() -> window.tabs.getSelectionModel().select(2)); // Connection tables
        double seconds = 3.0;
        List<String> expected = tablesAsOf(thinned, named, seconds);
        List<String> recognisedThen = tablesAsOf(thinned, List.of(), seconds);
        assertFalse(expected.equals(recognisedThen), "the scenario tells named taps from recognised ones");
        robot.interact(() -> window.tables.slider.setValue(seconds));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.tables.asOf.getText().equals("as of 3.000 s"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected, shownLines(), "as of 3 s, by the named taps");

        LoadedCapture refused = open(robot, twoTaps, List.of("192.0.2.1=eth9", "192.0.2.2=1"));
        assertEquals(null, refused);
        assertTrue(window.status.getText().endsWith("--tap: no -r file or capture interface is named 'eth9'"
                + " (interfaces: 0 tap-dpu-a, 1 tap-dpu-b)"), window.status.getText());
    }

    @Test
    void doubleClickingAConnectionFiltersThePacketListOnIt(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-hold-clean.pcapng"));
        robot.interact(() -> window.tabs.getSelectionModel().select(2)); // Connection tables
        TablesView.Line first = window.tables.lines().stream().filter(l -> l.connection().protocol() == 6)
                .findFirst().orElseThrow(); // a TCP connection: a sync message for each step of its handshake
        robot.interact(() -> window.tables.table.scrollTo(first));
        WaitForAsyncUtils.waitForFxEvents();
        robot.doubleClickOn(robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() == first).findFirst()
                .orElseThrow());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() < c.index.size());
        int shown = window.packets.displayed();
        assertTrue(shown >= 3 && shown < 40, shown + " frames carry that connection");
        assertEquals(TablesView.filterFor(first.connection()), window.filterBar.text.getText());
        assertEquals(0, window.tabs.getSelectionModel().getSelectedIndex(), "shown in the packet list");
    }

    @Test
    void theHoldsViewAccountsForEveryHeldPacketAsTheAnalysisCountsThem(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-hold-loss1.pcapng"));
        robot.interact(() -> window.tabs.getSelectionModel().select(3));
        java.util.Map<String, Long> packets = new java.util.HashMap<>();
        for (HoldRecord h : window.holds.table.getItems()) {
            packets.merge(h.outcome(), (long) h.packets(), Long::sum);
        }
        java.util.Map<String, Object> counted = c.result.holds();
        assertEquals(((Number) counted.get("released")).longValue(), packets.getOrDefault("released", 0L));
        assertEquals(((Number) counted.get("expired")).longValue(), packets.getOrDefault("expired", 0L));
        assertEquals(((Number) counted.get("late")).longValue(), packets.getOrDefault("late", 0L));
        assertEquals(((Number) counted.get("open_at_end")).longValue(), packets.getOrDefault("open", 0L));
        assertEquals(((Number) counted.get("opened")).longValue(), packets.values().stream().mapToLong(x -> x).sum());
        HoldRecord expired = window.holds.table.getItems().stream().filter(h -> h.outcome().equals("expired"))
                .findFirst().orElseThrow();
        assertTrue(c.result.findings().stream().anyMatch(f -> f.type() == FindingType.LOST_REPLY
                && f.frame() == expired.frame()), "an expired hold is a lost reply at the same frame");
    }

    @Test
    void theTimelineHasASampleEverySecondAndAPointInTimeLeadsToTheNearestFrame(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-hold-failover.pcapng"));
        double span = (c.index.timeNanos(c.index.size()) - c.index.timeNanos(1)) / 1e9;
        assertEquals((int) Math.floor(span) + 2, c.timeline.size(), "one a second from 0, and the end");
        assertFalse(window.timeline.rates.getData().isEmpty());
        assertTrue(window.timeline.state.getData().stream().anyMatch(s -> s.getName().equals("failover")),
                "the failover is marked");
        for (int n : new int[] {1, 100, 400, c.index.size()}) {
            double at = (c.index.timeNanos(n) - c.index.timeNanos(1)) / 1e9;
            int found = TimelineView.nearestFrame(c, at);
            assertEquals(c.index.timeNanos(n), c.index.timeNanos(found), "frame " + n + " or one at the same time");
        }
    }

    /**
     * The I/O Graph counts what decode -z io,stat counts (the README's table of the failover sample: frames, and
     * lost replies second by second around the failover), once its tab is chosen; redraws on a new interval, and
     * says what it cannot count.
     */
    @Test
    void theIoGraphCountsAsIoStatDoesAndSaysWhatItCannotCount(FxRobot robot) throws Exception {
        open(robot, samples().resolve("model-hold-failover.pcapng"));
        assertTrue(window.ioGraph.chart.getData().isEmpty(), "not counted while its tab is not on screen");
        robot.interact(() -> window.showView("io-graph"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.ioGraph.message.getText().startsWith("2 graphs"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("FRAMES", "hasync.analysis.finding"), window.ioGraph.chart.getData().stream()
                .map(XYChart.Series::getName).toList(), "the default graphs, counted once the tab is chosen");
        robot.interact(() -> {
            window.ioGraph.graphs.setText("FRAMES,hasync.analysis.lost_reply,MAX(hasync.analysis.reply_time)");
            window.ioGraph.draw();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.ioGraph.message.getText().startsWith("3 graphs"));
        WaitForAsyncUtils.waitForFxEvents();
        List<XYChart.Series<Number, Number>> lines = window.ioGraph.chart.getData();
        assertEquals(List.of("FRAMES", "hasync.analysis.lost_reply", "MAX(hasync.analysis.reply_time)"),
                lines.stream().map(XYChart.Series::getName).toList());
        assertEquals(List.of(212.0, 232.0, 198.0, 32.0, 5.0, 5.0), yValues(lines.get(0)), "tshark's frames per second");
        assertEquals(List.of(0.0, 0.0, 18.0, 27.0, 0.0, 0.0), yValues(lines.get(1)));
        assertEquals(0.00006, lines.get(2).getData().get(0).getYValue().doubleValue(), 1e-7, "seconds (0.000060 in"
                + " the table)");

        robot.interact(() -> window.ioGraph.interval.setValue("0.5"));
        robot.interact(() -> window.ioGraph.draw());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.ioGraph.message.getText().contains("of 0.5 s"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(12, window.ioGraph.chart.getData().get(0).getData().size(), "half-second intervals to 5.8 s");
        assertEquals(684.0, yValues(window.ioGraph.chart.getData().get(0)).stream().mapToDouble(d -> d).sum());

        // every preset is a graph that can be counted, and choosing one draws it
        for (String name : IoGraphView.PRESETS.keySet()) {
            robot.interact(() -> window.ioGraph.preset.setValue(name));
            String columns = IoGraphView.PRESETS.get(name);
            List<String> expected = List.of(columns.split(","));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.ioGraph.chart.getData().stream()
                    .map(XYChart.Series::getName).toList().equals(expected));
            assertEquals(columns, window.ioGraph.graphs.getText());
            assertFalse(window.ioGraph.message.getStyleClass().contains("status-error"), name);
        }

        robot.interact(() -> {
            window.ioGraph.graphs.setText("SUM(ip.src)");
            window.ioGraph.draw();
        });
        assertTrue(window.ioGraph.message.getText().contains("ip.src is not a number or a time span"),
                window.ioGraph.message.getText());
        assertEquals(12, window.ioGraph.chart.getData().get(0).getData().size(), "the last lines stay");
    }

    private static List<Double> yValues(XYChart.Series<Number, Number> s) {
        return s.getData().stream().map(d -> d.getYValue().doubleValue()).toList();
    }

    @Test
    void everyFieldsFilterFindsItsOwnFrameAndItsColumnShowsItsValue(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("sync-basic.pcapng"));
        for (int n : new int[] {1, 3, 8, 19}) {
            robot.interact(() -> window.packets.select(n));
            List<DetailTree.Line> lines = new java.util.ArrayList<>();
            collect(window.tree.getRoot(), lines);
            io.hascope.decode.Dissector d = new io.hascope.decode.Dissector(io.hascope.decode.DissectorConfig.defaults());
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            for (DetailTree.Line l : lines) {
                if (l.field() == null || l.field().name().startsWith("frame")) {
                    continue;
                }
                io.hascope.filter.DisplayFilter filter = io.hascope.filter.DisplayFilter.compile(l.filter());
                io.hascope.field.FieldTree t = io.hascope.field.FieldTree.only(filter.fields());
                d.dissect(c.index.read(n, f), t, io.hascope.event.SyncEventSink.NONE);
                c.annotations.addTo(n, t);
                assertTrue(filter.matches(t), "frame " + n + ": '" + l.filter() + "' from '" + l.text() + "'");
            }
        }
        robot.interact(() -> {
            window.packets.select(3);
            window.packets.addFieldColumn(io.hascope.field.IpFields.TTL);
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableColumn<Integer, ?> ttl = window.packets.columns().stream()
                .filter(col -> "column-ip.ttl".equals(col.getId())).findFirst().orElseThrow();
        assertEquals("64", ttl.getCellData(2));
    }

    private static void collect(TreeItem<DetailTree.Line> node, List<DetailTree.Line> out) {
        for (TreeItem<DetailTree.Line> c : node.getChildren()) {
            out.add(c.getValue());
            collect(c, out);
        }
    }

    @Test
    void aRequestLinksToItsReplyAndBackAndLostRepliesCanBeFiltered(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-hold-loss1.pcapng"));
        int request = 3;
        int reply = (int) c.annotations.value(request, io.hascope.field.AnalysisFields.REPLY_IN);
        assertTrue(reply > request);
        robot.interact(() -> window.packets.select(request));
        List<DetailTree.Line> lines = new java.util.ArrayList<>();
        collect(window.tree.getRoot(), lines);
        DetailTree.Line link = lines.stream().filter(l -> l.link() == reply).findFirst().orElseThrow();
        assertTrue(link.text().startsWith("[Reply in frame: " + reply + "]"), link.text());
        assertEquals(reply, window.relatedFrame(request, true));
        assertEquals(request, window.relatedFrame(reply, false));
        robot.interact(() -> window.packets.requestFocus());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.RIGHT)
                .release(javafx.scene.input.KeyCode.RIGHT, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(reply, window.packets.selectedFrame(), "Ctrl+Right follows the request to its reply");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.M)
                .release(javafx.scene.input.KeyCode.M, javafx.scene.input.KeyCode.CONTROL);
        assertTrue(window.packets.isMarked(reply), "Ctrl+M marks it");

        robot.interact(() -> window.filterOn("hasync.analysis.lost_reply"));
        long lost = c.result.findings().stream().filter(f -> f.type() == FindingType.LOST_REPLY)
                .mapToLong(Finding::frame).distinct().count();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == lost);

        // the finding itself, in the tree of the frame that proves it, and as a filter
        Finding first = c.result.findings().stream().filter(f -> f.type() == FindingType.LOST_REPLY).findFirst()
                .orElseThrow();
        robot.interact(() -> window.packets.select((int) first.frame()));
        List<DetailTree.Line> proving = new java.util.ArrayList<>();
        collect(window.tree.getRoot(), proving);
        assertTrue(proving.stream().anyMatch(l -> l.text().equals("[Finding: lost_reply (1)]")), proving.toString());
        assertTrue(proving.stream().anyMatch(l -> l.text().equals("[Reason: " + first.reason() + "]")),
                proving.toString());
        robot.interact(() -> window.filterOn("hasync.analysis.finding == lost_reply"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == lost);
    }

    @Test
    void aCarriedCustomerFrameGetsItsOwnBytesTab(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-packet-clean.pcapng"));
        int withFrame = -1;
        int without = -1;
        io.hascope.decode.Dissector d = new io.hascope.decode.Dissector(io.hascope.decode.DissectorConfig.defaults());
        io.hascope.field.FieldTree t = io.hascope.field.FieldTree.only(List.of(io.hascope.field.HasyncFields.PKT_FRAME));
        io.hascope.capture.Frame f = new io.hascope.capture.Frame();
        for (int n = 1; n <= c.index.size() && (withFrame < 0 || without < 0); n++) {
            d.dissect(c.index.read(n, f), t, io.hascope.event.SyncEventSink.NONE);
            if (t.has(io.hascope.field.HasyncFields.PKT_FRAME)) {
                withFrame = withFrame < 0 ? n : withFrame;
            } else {
                without = without < 0 ? n : without;
            }
        }
        int carrying = withFrame;
        robot.interact(() -> window.packets.select(carrying));
        d.dissect(c.index.read(carrying, f), t, io.hascope.event.SyncEventSink.NONE);
        int length = t.length(t.first(io.hascope.field.HasyncFields.PKT_FRAME));
        assertTrue(window.bytesTabs.getTabs().stream().anyMatch(tab -> "tab-customer-frame".equals(tab.getId())));
        assertEquals((length + 15) / 16, window.customerBytes.getText().split("\n").length);
        int plain = without;
        robot.interact(() -> window.packets.select(plain));
        assertEquals(1, window.bytesTabs.getTabs().size(), "no customer frame, no tab");
    }

    @Test
    void preferencesRefuseWhatIsNotValidAndTheNextCaptureUsesThem(FxRobot robot) throws Exception {
        robot.interact(() -> {
            PreferencesDialog p = new PreferencesDialog(new Settings());
            p.hasync.setText("7400, 70000");
            assertTrue(p.read().isEmpty());
            assertEquals("hasync ports: '70000' is not a port (0-65535)", p.error.getText());
            p.hasync.setText("7400");
            p.thresholds[0].setText("0");
            assertTrue(p.read().isEmpty());
            assertTrue(p.error.getText().contains("--reply-timeout"), p.error.getText());
            p.thresholds[0].setText("100");
            p.dashResends.setSelected(true);
            assertTrue(p.read().orElseThrow().analysis.dashResends, "the DASH senders' resends, as a setting");
            p.dashResends.setSelected(false);
            p.liveFindings.setText("-1");
            assertTrue(p.read().isEmpty());
            assertEquals("findings listed live: '-1' is not a count of 0 or more", p.error.getText());
            p.liveFindings.setText(" 500 ");
            assertEquals(500, p.read().orElseThrow().liveFindings);
            p.hasync.setText("9999");
            p.heuristics.setSelected(false);
            window.applySettings(p.read().orElseThrow());
        });
        try {
            LoadedCapture c = open(robot, samples().resolve("model-hold-clean.pcapng"));
            assertTrue(c.result.dpus().isEmpty(), "hasync is on 9999 now, without heuristics: nothing to analyse");
        } finally {
            robot.interact(() -> window.applySettings(new Settings()));
        }
        LoadedCapture again = open(robot, samples().resolve("model-hold-clean.pcapng"));
        assertEquals(2, again.result.dpus().size());
    }

    @Test
    void appliedFiltersGoToTheHistoryAndASavedFilterIsAButton(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("sync-basic.pcapng"));
        robot.interact(() -> {
            window.filterBar.text.setText("dashmeta");
            window.filterBar.text.fireEvent(new javafx.event.ActionEvent());
        });
        assertEquals("dashmeta", window.filterBar.historyList().get(0));
        robot.interact(() -> window.filterBar.saveCurrent());
        javafx.scene.control.Button saved = (javafx.scene.control.Button) window.filterBar.saved.getChildren().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && b.getText().equals("dashmeta"))
                .findFirst().orElseThrow();
        robot.interact(() -> {
            window.filterBar.text.clear();
            window.filterBar.text.fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == c.index.size());
        robot.interact(saved::fire);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() < c.index.size());
        assertEquals("dashmeta", window.filterBar.text.getText());
    }

    @Test
    void aLongLoadCanBeCancelledAndTheWindowAnswersMeanwhile(FxRobot robot) throws Exception {
        Path big = dir.resolve("big.pcapng");
        try (io.hascope.capture.PcapngWriter w = new io.hascope.capture.PcapngWriter(big, "test")) {
            io.hascope.gen.SyncTrafficGenerator.realistic(3, io.hascope.gen.SyncTrafficGenerator.Coalescing.LOAD)
                    .write(w, 400_000);
        }
        robot.interact(() -> window.open(big));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.cancel.isVisible());
        // the JavaFX thread is free while it loads: a filter can be typed and checked
        robot.interact(() -> window.filterBar.text.setText("ip.src == 192.0.2.1"));
        assertTrue(window.filterBar.text.getStyleClass().contains("filter-valid"));
        robot.interact(() -> window.cancel.fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.status.getText().contains("cancelled"));
        assertFalse(window.progress.isVisible());
    }

    @Test
    void openingAnotherFileWhileOneLoadsShowsTheOtherOnly(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(samples().resolve("model-hold-failover.pcapng")));
        LoadedCapture c = open(robot, samples().resolve("sync-basic.pcapng"));
        Thread.sleep(500); // what the first load could still do arrives by now
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(c.index.size(), window.packets.displayed());
        assertTrue(window.status.getText().startsWith("sync-basic.pcapng"), window.status.getText());
        assertFalse(window.progress.isVisible());
    }

    @Test
    void aLiveCaptureFillsTheListAsFramesArriveAndOpensTheFileWhenStopped(FxRobot robot) throws Exception {
        assumeCanCapture();
        // the sync messages of a sample, sent over loopback to the hasync port
        List<byte[]> payloads = new java.util.ArrayList<>();
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(
                samples().resolve("model-hold-clean.pcapng").toString())) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            while (payloads.size() < 200 && r.next(f)) {
                byte[] b = f.copyBytes();
                int udp = 14 + (b[14] & 0x0f) * 4;
                payloads.add(java.util.Arrays.copyOfRange(b, udp + 8, b.length));
            }
        }
        Path file = dir.resolve("live.pcapng");
        // started and checked on the JavaFX thread, which owns the window's state
        String started = WaitForAsyncUtils.asyncFx(() -> {
            window.startLive("lo", "udp dst port 7400", file);
            return window.capturing() ? "capturing" : window.status.getText();
        }).get(30, TimeUnit.SECONDS);
        assertEquals("capturing", started);
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            for (byte[] p : payloads) {
                socket.send(new java.net.DatagramPacket(p, p.length, java.net.InetAddress.getLoopbackAddress(), 7400));
            }
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == payloads.size());
        javafx.scene.control.TableColumn<Integer, ?> protocol = window.packets.columns().stream()
                .filter(col -> col.getText().equals("Protocol")).findFirst().orElseThrow();
        assertEquals("HASYNC", protocol.getCellData(0));
        String status = WaitForAsyncUtils.asyncFx(() -> window.status.getText()).get(30, TimeUnit.SECONDS);
        assertTrue(status.startsWith("capturing on lo"), status); // read on its thread, after the tick that listed them

        LoadedCapture[] done = new LoadedCapture[1];
        robot.interact(() -> {
            window.whenLoaded(c -> done[0] = c);
            window.stopLive();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> done[0] != null);
        assertFalse(WaitForAsyncUtils.asyncFx(() -> window.capturing()).get(30, TimeUnit.SECONDS));
        assertEquals(payloads.size(), done[0].index.size(), "the written file, opened with every view");
        assertEquals(file, done[0].file);
    }

    /**
     * A tap at each DPU's port: two veth pairs, the two-tap sample's frames sent out of the pair of the tap that saw
     * them; the window captures both ends with the taps named, and the file it opens when stopped is judged with
     * them. A tap named without a second interface is the status bar's sentence.
     */
    @Test
    void aLiveCaptureOnATapAtEachDpusPortIsJudgedWithTheTapsNamed(FxRobot robot) throws Exception {
        assumeCanCapture();
        String tag = "hsg" + ProcessHandle.current().pid() % 10000;
        List<String> sending = List.of(tag + "a0", tag + "a1");
        List<String> capturing = List.of(tag + "b0", tag + "b1");
        try {
            for (int i = 0; i < 2; i++) {
                ip("link", "add", sending.get(i), "type", "veth", "peer", "name", capturing.get(i));
                ip("link", "set", sending.get(i), "up");
                ip("link", "set", capturing.get(i), "up");
            }
            String refused = WaitForAsyncUtils.asyncFx(() -> {
                window.startLive(List.of(capturing.get(0)), "udp port 7400", dir.resolve("one.pcapng"),
                        List.of("192.0.2.1=0", "192.0.2.2=1"));
                return window.status.getText();
            }).get(30, TimeUnit.SECONDS);
            assertEquals("taps are named for a tap at each DPU's port: choose a second interface", refused);
            assertFalse(window.capturing());

            Path file = dir.resolve("two-taps.pcapng");
            String started = WaitForAsyncUtils.asyncFx(() -> {
                window.startLive(capturing, "udp port 7400", file,
                        List.of("192.0.2.1=" + capturing.get(0), "192.0.2.2=" + capturing.get(1)));
                return window.capturing() ? "capturing" : window.status.getText();
            }).get(30, TimeUnit.SECONDS);
            assertEquals("capturing", started);
            int frames = 0;
            try (io.hascope.live.FrameInjector a = io.hascope.live.FrameInjector.open(sending.get(0));
                 io.hascope.live.FrameInjector b = io.hascope.live.FrameInjector.open(sending.get(1));
                 io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(
                         samples().resolve("model-state-reorder.pcapng").toString())) {
                io.hascope.capture.Frame f = new io.hascope.capture.Frame();
                while (r.next(f)) {
                    (f.interfaceId() == 0 ? a : b).send(f.copyBytes());
                    frames++;
                    if (frames % 50 == 0) {
                        Thread.sleep(1); // a line's pace, not a burst the kernel's queue would drop
                    }
                }
            }
            int sent = frames;
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == sent);
            LoadedCapture[] done = new LoadedCapture[1];
            robot.interact(() -> {
                window.whenLoaded(c -> done[0] = c);
                window.stopLive();
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> done[0] != null && done[0].result != null);
            assertTrue(done[0].result.taps().startsWith("two taps, named (192.0.2.1 at interface 0; 192.0.2.2 at"
                    + " interface 1)"), done[0].result.taps());
            assertEquals(836, done[0].result.arrivalCopies(), "each frame both taps saw, counted once");
            assertEquals(0, done[0].result.unseenDepartures(), "merged in time order: no arrival before its departure");
        } finally {
            for (String i : sending) {
                try {
                    ip("link", "del", i);
                } catch (java.io.IOException e) {
                    // not made
                }
            }
        }
    }

    /**
     * A live capture lists the first findings up to the preference and counts the rest, as live's --keep-findings
     * does: the rUDP sample's DATA sent again are findings the moment they are seen, whatever the pace. Stopped, the
     * file opens with every finding listed.
     */
    /** A veth pair TAGa–TAGb made and up, and the window capturing on TAGb into file (HASYNC's port only). */
    private void captureOnAVethPair(String tag, Path file) throws Exception {
        ip("link", "add", tag + "a", "type", "veth", "peer", "name", tag + "b");
        ip("link", "set", tag + "a", "up");
        ip("link", "set", tag + "b", "up");
        String started = WaitForAsyncUtils.asyncFx(() -> {
            window.startLive(tag + "b", "udp port 7400", file);
            return window.capturing() ? "capturing" : window.status.getText();
        }).get(30, TimeUnit.SECONDS);
        assertEquals("capturing", started);
    }

    /** The sample's frames that a display filter matches, as a dissector finds them. */
    private static List<Integer> matching(Path sample, String filter) throws Exception {
        io.hascope.filter.DisplayFilter f = io.hascope.filter.DisplayFilter.compile(filter);
        io.hascope.decode.Dissector d = new io.hascope.decode.Dissector(io.hascope.decode.DissectorConfig.defaults());
        io.hascope.field.FieldTree t = io.hascope.field.FieldTree.only(f.fields());
        List<Integer> out = new java.util.ArrayList<>();
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(sample.toString())) {
            io.hascope.capture.Frame frame = new io.hascope.capture.Frame();
            for (int n = 1; r.next(frame); n++) {
                d.dissect(frame, t, io.hascope.event.SyncEventSink.NONE);
                if (f.matches(t)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Each frame's links to its reply (forward) and to its request (back), as "forward/back". */
    private List<String> links(int frames) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (int n = 1; n <= frames; n++) {
                out.add(window.relatedFrame(n, true) + "/" + window.relatedFrame(n, false));
            }
            return out;
        }).get(30, TimeUnit.SECONDS);
    }

    private List<Integer> listed() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<Integer> rows = new java.util.ArrayList<>();
            for (int i = 0; i < window.packets.displayed(); i++) {
                rows.add(window.packets.frameAt(i));
            }
            return rows;
        }).get(30, TimeUnit.SECONDS);
    }

    /**
     * A display filter typed while capturing applies to the frames so far and to each as it comes, as in Wireshark;
     * cleared, the list shows every frame again; on the analysis fields, it lists the frames a live analysis has
     * learned them of; the file that opens at the stop is shown through it too, and its second pass agrees.
     */
    @Test
    void aDisplayFilterAppliesWhileCapturingAndToTheFileThatOpensAtTheStop(FxRobot robot) throws Exception {
        assumeCanCapture();
        String tag = "hsf" + ProcessHandle.current().pid() % 10000;
        Path sample = samples().resolve("model-rudp-hold-loss5.pcapng");
        List<Integer> replies = matching(sample, "hasync.flags.reply == 1");
        try {
            captureOnAVethPair(tag, dir.resolve("filtered.pcapng"));
            int frames = 0;
            try (io.hascope.live.FrameInjector out = io.hascope.live.FrameInjector.open(tag + "a");
                 io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(sample.toString())) {
                io.hascope.capture.Frame f = new io.hascope.capture.Frame();
                while (r.next(f)) {
                    out.send(f.copyBytes());
                    frames++;
                    if (frames == 300) { // part of the capture in, then the filter, then the rest as it comes
                        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == 300);
                        robot.interact(() -> window.filterOn("hasync.flags.reply == 1"));
                    } else if (frames % 50 == 0) {
                        Thread.sleep(1);
                    }
                }
            }
            int sent = frames;
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == replies.size());
            assertEquals(replies, listed(), "the replies, in order, those before the filter and those after");
            String status = WaitForAsyncUtils.asyncFx(() -> window.status.getText()).get(30, TimeUnit.SECONDS);
            assertTrue(status.contains(String.format(java.util.Locale.ROOT, "%,d of %,d displayed", replies.size(),
                    sent)), status);

            robot.interact(() -> window.filterOn(""));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == sent);
            // each frame's link to its reply or request, as the live analysis learned it
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> window.status
                    .getText()).get(30, TimeUnit.SECONDS).contains(String.format(java.util.Locale.ROOT,
                    "%,d analysed", sent)));
            List<String> linksWhileCapturing = links(sent);
            assertTrue(linksWhileCapturing.stream().filter(l -> !l.equals("-1/-1")).count() > sent / 2,
                    "most frames are a request answered or a reply: " + linksWhileCapturing.subList(0, 10));
            // the analysis fields too, as a live analysis of the filter's own learns them
            robot.interact(() -> window.filterOn("hasync.analysis.reply_to"));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    () -> window.status.getText()).get(30, TimeUnit.SECONDS).contains(String.format(
                    java.util.Locale.ROOT, "%,d of %,d displayed (the analysis fields as known so far)",
                    window.packets.displayed(), sent)));
            List<Integer> answers = listed();
            assertTrue(answers.size() > replies.size() / 2, "most replies answer a request: " + answers.size());
            assertTrue(replies.containsAll(answers), "replies only");
            robot.interact(() -> window.filterOn("hasync.flags.reply == 1"));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == replies.size());

            LoadedCapture[] done = new LoadedCapture[1];
            robot.interact(() -> {
                window.whenLoaded(c -> done[0] = c);
                window.stopLive();
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> done[0] != null && done[0].result != null);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == replies.size());
            assertEquals(replies, listed(), "the file that opened, through the same filter");
            robot.interact(() -> window.filterOn("hasync.analysis.reply_to"));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == answers.size());
            assertEquals(answers, listed(), "the file's second pass lists the replies the live analysis paired");
            assertEquals(linksWhileCapturing, links(sent), "the file's links are those the live analysis made");
        } finally {
            robot.interact(() -> window.filterOn(""));
            try {
                ip("link", "del", tag + "a");
            } catch (java.io.IOException e) {
                // not made
            }
        }
    }

    /**
     * -k -i -: a capture piped in (ssh dpu tcpdump -w - | hascope gui -k -i -), as Wireshark reads one: its frames
     * followed as they come, written to the file, and the file opened with every view when the pipe ends. No
     * interface, no privilege.
     */
    @Test
    void aCapturePipedInIsFollowedAndOpensWhenThePipeEnds(FxRobot robot) throws Exception {
        Path sample = samples().resolve("model-state-reorder.pcapng"); // two taps: two interfaces in the pipe
        Path written = dir.resolve("piped.pcapng");
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.InputStream was = System.in;
        System.setIn(new java.io.PipedInputStream(feed, 1 << 16));
        try {
            LoadedCapture[] done = new LoadedCapture[1];
            robot.interact(() -> {
                window.whenLoaded(c -> done[0] = c);
                window.startLive(List.of("-"), null, written, List.of());
            });
            byte[] all = java.nio.file.Files.readAllBytes(sample);
            feed.write(all, 0, all.length / 2);
            feed.flush();
            // the status bar says it at the tick that shows the frames (judged on the JavaFX thread, as both change)
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> window.capturing()
                    && window.status.getText().startsWith("capturing on standard input")
                    && window.packets.displayed() > 100).get(30, TimeUnit.SECONDS));
            feed.write(all, all.length / 2, all.length - all.length / 2);
            feed.close(); // the pipe ends: so does the capture, and its file opens
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> done[0] != null && done[0].result != null);
            assertEquals(1655, done[0].index.size(), "every frame piped in");
            assertEquals(2, done[0].interfaces.size(), "the pipe's two interfaces, kept in the file");
            assertTrue(done[0].result.findings().size() > 0);
        } finally {
            System.setIn(was);
        }
    }

    @Test
    void aLiveCaptureListsTheFirstFindingsUpToThePreferenceAndCountsTheRest(FxRobot robot) throws Exception {
        assumeCanCapture();
        String tag = "hsk" + ProcessHandle.current().pid() % 10000;
        Settings few = new Settings();
        few.liveFindings = 3;
        robot.interact(() -> window.applySettings(few));
        try {
            captureOnAVethPair(tag, dir.resolve("few.pcapng"));
            int frames = 0;
            try (io.hascope.live.FrameInjector out = io.hascope.live.FrameInjector.open(tag + "a");
                 io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(
                         samples().resolve("model-rudp-hold-loss5.pcapng").toString())) {
                io.hascope.capture.Frame f = new io.hascope.capture.Frame();
                while (r.next(f)) {
                    out.send(f.copyBytes());
                    if (++frames % 50 == 0) {
                        Thread.sleep(1);
                    }
                }
            }
            int sent = frames;
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.packets.displayed() == sent);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    () -> window.status.getText()).get().contains("(the first 3 listed: Preferences)"));
            String status = WaitForAsyncUtils.asyncFx(() -> window.status.getText()).get(30, TimeUnit.SECONDS);
            java.util.regex.Matcher made = java.util.regex.Pattern.compile("· ([\\d,]+) findings").matcher(status);
            assertTrue(made.find(), status);
            assertTrue(Long.parseLong(made.group(1).replace(",", "")) > 3, status);
            List<Long> listed = WaitForAsyncUtils.asyncFx(() -> window.findings.getItems().stream()
                    .map(io.hascope.analysis.Finding::frame).toList()).get(30, TimeUnit.SECONDS);
            assertEquals(3, listed.size(), "the first three listed: " + listed);
            assertEquals(listed.stream().sorted().toList(), listed, "merged in order as they came, ticks apart or not");

            LoadedCapture[] done = new LoadedCapture[1];
            robot.interact(() -> {
                window.whenLoaded(c -> done[0] = c);
                window.stopLive();
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> done[0] != null && done[0].result != null);
            int all = done[0].result.findings().size();
            assertTrue(all > 3, "the file opened lists all " + all);
            assertEquals(all, WaitForAsyncUtils.asyncFx(() -> window.findings.getItems().size()).get(30,
                    TimeUnit.SECONDS));
        } finally {
            robot.interact(() -> window.applySettings(new Settings()));
            try {
                ip("link", "del", tag + "a");
            } catch (java.io.IOException e) {
                // not made
            }
        }
    }

    @Test
    void theCaptureDialogAsksForASecondInterfaceAndTheTapsAsTapDoes(FxRobot robot) throws Exception {
        LiveCaptureDialog.Request[] asked = new LiveCaptureDialog.Request[2];
        robot.interact(() -> {
            LiveCaptureDialog d = new LiveCaptureDialog("udp port 7400");
            d.iface.getItems().setAll("eth1", "eth2");
            d.second.getItems().setAll(LiveCaptureDialog.NO_SECOND, "eth1", "eth2");
            d.iface.getSelectionModel().select("eth1");
            d.second.getSelectionModel().select(LiveCaptureDialog.NO_SECOND);
            asked[0] = d.request();
            d.second.getSelectionModel().select("eth2");
            d.taps.setText(" 192.0.2.1=eth1,192.0.2.2=eth2 ");
            asked[1] = d.request();
        });
        assertEquals(List.of("eth1"), asked[0].interfaces());
        assertEquals(List.of(), asked[0].taps(), "no taps named: recognised from the capture");
        assertEquals(List.of("eth1", "eth2"), asked[1].interfaces());
        assertEquals(List.of("192.0.2.1=eth1", "192.0.2.2=eth2"), asked[1].taps());
        assertEquals("udp port 7400", asked[1].filter());
    }

    /** Live capture needs root and libpcap: without them the test is skipped, saying why. */
    private static void assumeCanCapture() {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: capturing needs root");
        try {
            io.hascope.live.LiveCapture.interfaces();
        } catch (io.hascope.live.LiveCaptureException e) {
            org.junit.jupiter.api.Assumptions.abort("skipped: " + e.getMessage());
        }
    }

    private static void ip(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new java.io.IOException(String.join(" ", command) + ": " + out.trim());
        }
    }

    @Test
    void findingsAreCountedBySeverityAndTypeAndOneGroupCanBeShown(FxRobot robot) throws Exception {
        LoadedCapture c = open(robot, samples().resolve("model-hold-failover.pcapng"));
        List<String> groups = window.findings.group.getItems();
        assertEquals("all 46 findings", groups.get(0));
        assertEquals(List.of("all 46 findings", "error · failover (1)", "warn · lost_reply (45)"), groups);
        robot.interact(() -> window.findings.group.getSelectionModel().select("warn · lost_reply (45)"));
        assertEquals(45, window.findings.getItems().size());
        assertTrue(window.findings.getItems().stream().allMatch(f -> f.type() == FindingType.LOST_REPLY));
        assertEquals(46, c.result.findings().size());
    }

    @Test
    void everyViewTheScreenshotOptionNamesIsATabOfTheWindow(FxRobot robot) {
        for (String view : GuiOptions.VIEWS) {
            robot.interact(() -> window.showView(view));
            assertEquals("tab-" + view, window.tabs.getSelectionModel().getSelectedItem().getId());
        }
    }

    @Test
    void aCutFileOpensAsFarAsItCanBeReadAndSaysWhereItStopped(FxRobot robot) throws Exception {
        byte[] whole = Files.readAllBytes(samples().resolve("sync-basic.pcapng"));
        Path cut = dir.resolve("cut.pcapng");
        Files.write(cut, java.util.Arrays.copyOf(whole, 3000));
        LoadedCapture c = open(robot, cut);
        assertNotNull(c);
        assertNotNull(c.problem);
        assertEquals(19, c.index.size(), "every whole frame before the cut (as decode prints them)");
        assertTrue(window.status.getText().contains("cut short"), window.status.getText());
    }

    /**
     * A gzip-compressed capture opens as the plain one does (as in Wireshark): every frame, the same findings, each
     * frame's bytes read back from an inflated copy that goes when the window moves on to another capture; a
     * compressed file cut short opens as far as it can be read and says the compression was cut; a named pipe is
     * read once through a copy too.
     */
    @Test
    void aCompressedCaptureOpensAsThePlainOneAndItsInflatedCopyGoesWithIt(FxRobot robot) throws Exception {
        Path sample = samples().resolve("model-hold-failover.pcapng");
        byte[] plainBytes = Files.readAllBytes(sample);
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(compressed)) {
            z.write(plainBytes);
        }
        Path gz = Files.write(dir.resolve("failover.pcapng.gz"), compressed.toByteArray());
        LoadedCapture plain = open(robot, sample);
        LoadedCapture c = open(robot, gz);
        assertNotNull(c, window.status.getText());
        assertNull(c.problem);
        assertEquals(plain.index.size(), c.index.size());
        assertEquals(plain.result.findings().size(), c.result.findings().size());
        assertEquals(c.index.size(), window.packets.displayed());
        assertTrue(window.status.getText().startsWith("failover.pcapng.gz"), window.status.getText());
        io.hascope.capture.Frame a = new io.hascope.capture.Frame();
        io.hascope.capture.Frame b = new io.hascope.capture.Frame();
        for (int n = 1; n <= c.index.size(); n += 17) {
            assertArrayEquals(plain.index.read(n, a).copyBytes(), c.index.read(n, b).copyBytes(), "frame " + n);
        }
        Path copy = c.plainCopy;
        assertNotNull(copy);
        assertTrue(Files.exists(copy));

        byte[] whole = compressed.toByteArray();
        Path cut = Files.write(dir.resolve("cut.pcapng.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        LoadedCapture cutOpen = open(robot, cut);
        assertFalse(Files.exists(copy), "the last capture's inflated copy is gone");
        assertNotNull(cutOpen.problem);
        assertTrue(cutOpen.index.size() > 0 && cutOpen.index.size() < plain.index.size());
        assertTrue(window.status.getText().contains("the gzip-compressed data is cut short"), window.status.getText());

        // a named pipe (hascope gui <(zcat f.pcapng.gz)) is read once, likewise through a copy
        Path fifo = dir.resolve("failover.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try (java.io.OutputStream out = Files.newOutputStream(fifo)) {
                out.write(whole);
            } catch (java.io.IOException e) {
                // the window went away: the assertions below say what it missed
            }
        });
        writer.setDaemon(true);
        writer.start();
        LoadedCapture piped = open(robot, fifo);
        assertNotNull(piped, window.status.getText());
        assertNull(piped.problem);
        assertEquals(plain.index.size(), piped.index.size());
        assertEquals(plain.result.findings().size(), piped.result.findings().size());
        assertArrayEquals(plain.index.read(plain.index.size(), a).copyBytes(),
                piped.index.read(piped.index.size(), b).copyBytes());
        // the tables as of a moment read the frames again: from the copy, the pipe being spent
        robot.interact(() -> window.tabs.getSelectionModel().select(2));
        robot.interact(() -> window.tables.slider.setValue(1.7));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.tables.asOf.getText().equals("as of 1.700 s"));
    }

    /**
     * Two captures opened together (a tap at each DPU's port saved as a file each) are merged into one, as Wireshark
     * merges files dropped together and as hascope merge does: every frame, the taps named after the files, judged
     * as the two-tap capture they were cut from; the temporary merge goes with the next capture.
     */
    @Test
    void capturesOpenedTogetherAreMergedIntoOneTwoTapCapture(FxRobot robot) throws Exception {
        Path sample = samples().resolve("model-state-reorder.pcapng");
        LoadedCapture whole = open(robot, sample, List.of("192.0.2.1=tap-dpu-a", "192.0.2.2=tap-dpu-b"));
        Path a = framesOfOneTap(sample, 0, dir.resolve("tap-a.pcapng"));
        Path b = framesOfOneTap(sample, 1, dir.resolve("tap-b.pcapng"));
        LoadedCapture merged = openedBy(robot, () -> window.open(List.of(a, b),
                List.of("192.0.2.1=tap-a.pcapng", "192.0.2.2=tap-b.pcapng")));
        assertNotNull(merged, window.status.getText());
        assertNull(merged.problem);
        assertEquals(whole.index.size(), merged.index.size());
        assertEquals(List.of("tap-a.pcapng", "tap-b.pcapng"), merged.interfaces.stream()
                .map(io.hascope.capture.InterfaceInfo::name).toList());
        assertEquals(whole.result.findings().size(), merged.result.findings().size(), "judged with the taps named");
        assertEquals(whole.result.arrivalCopies(), merged.result.arrivalCopies());
        Path temporary = merged.plainCopy;
        assertTrue(Files.exists(temporary));
        open(robot, sample);
        assertFalse(Files.exists(temporary), "the merge goes with the next capture");
    }

    /** The frames capture saw on interface iface, written to out on an unnamed interface, as a tcpdump's file. */
    private static Path framesOfOneTap(Path capture, int iface, Path out) throws Exception {
        try (io.hascope.capture.CaptureReader r = io.hascope.capture.Captures.open(capture.toString());
             io.hascope.capture.PcapngWriter w = new io.hascope.capture.PcapngWriter(out, "test")) {
            io.hascope.capture.Frame f = new io.hascope.capture.Frame();
            boolean declared = false;
            while (r.next(f)) {
                if (f.interfaceId() == iface) {
                    if (!declared) {
                        w.addInterface(f.linkType(), 65535, null);
                        declared = true;
                    }
                    w.write(f, 0);
                }
            }
        }
        return out;
    }

    @Test
    void aFileThatIsNoCaptureIsOneSentenceInTheWindow(FxRobot robot) throws Exception {
        Path junk = dir.resolve("junk.pcap");
        Files.writeString(junk, "this is not a capture at all, just text that is long enough");
        LoadedCapture c = open(robot, junk);
        assertNull(c);
        assertTrue(window.status.getText().startsWith(junk + ": "), window.status.getText());
        assertTrue(window.status.getStyleClass().contains("status-error"));
    }
}
