package io.hascope.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GUI's command line: what it opens, and the one sentence for what it cannot take. */
class GuiOptionsTest {
    private static final String SAMPLE = Path.of("..", "samples", "model-state-reorder.pcapng").toString();

    @Test
    void tapsAreKeptInOrderForTheOneCaptureOpened() {
        GuiOptions o = GuiOptions.parse(SAMPLE, "--tap", "192.0.2.1=tap-dpu-a", "--tap", "192.0.2.2=1");
        assertEquals(List.of(Path.of(SAMPLE)), o.files());
        assertEquals(List.of("192.0.2.1=tap-dpu-a", "192.0.2.2=1"), o.taps());
        assertEquals(List.of(), GuiOptions.parse(SAMPLE).taps());
    }

    @Test
    void tapsWithoutOneCaptureOrWithoutAValueAreRefused() {
        assertEquals("--tap names the taps of one capture: give one file", assertThrows(IllegalArgumentException.class,
                () -> GuiOptions.parse("--tap", "192.0.2.1=0")).getMessage());
        assertEquals("--tap needs ADDR=IFACE", assertThrows(IllegalArgumentException.class,
                () -> GuiOptions.parse(SAMPLE, "--tap")).getMessage());
        assertEquals("unknown option '--taps'", assertThrows(IllegalArgumentException.class,
                () -> GuiOptions.parse(SAMPLE, "--taps", "x")).getMessage());
    }
}
