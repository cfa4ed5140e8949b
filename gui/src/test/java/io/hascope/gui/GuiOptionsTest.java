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

    @Test
    void minusKMinusIStartsACaptureAsWiresharkDoes() {
        GuiOptions o = GuiOptions.parse("-k", "-i", "eth1", "-i", "eth2", "-f", "udp port 7400", "-w", "/tmp/x.pcapng",
                "--tap", "192.0.2.1=eth1", "--tap", "192.0.2.2=eth2");
        assertEquals(List.of("eth1", "eth2"), o.interfaces());
        assertEquals("udp port 7400", o.captureFilter());
        assertEquals(Path.of("/tmp/x.pcapng"), o.captureFile());
        assertEquals(List.of("192.0.2.1=eth1", "192.0.2.2=eth2"), o.taps());
        assertEquals(List.of("-"), GuiOptions.parse("-k", "-i", "-").interfaces(), "standard input, as Wireshark's");
        assertEquals(null, GuiOptions.parse("-k", "-i", "-").captureFile(), "a temporary file");
    }

    @Test
    void aCaptureHalfAskedForIsOneSentence() {
        assertEquals("-k starts capturing at once: say where with -i IFACE (- for standard input)",
                assertThrows(IllegalArgumentException.class, () -> GuiOptions.parse("-k")).getMessage());
        assertEquals("-i captures when -k starts it at once, as in Wireshark (Capture › Start… chooses in the window)",
                assertThrows(IllegalArgumentException.class, () -> GuiOptions.parse("-i", "eth1")).getMessage());
        assertEquals("-w is for a capture started with -k -i", assertThrows(IllegalArgumentException.class,
                () -> GuiOptions.parse(SAMPLE, "-w", "x.pcapng")).getMessage());
        assertEquals("-k captures: it opens no file, screenshot or bench", assertThrows(IllegalArgumentException.class,
                () -> GuiOptions.parse(SAMPLE, "-k", "-i", "eth1")).getMessage());
        assertEquals("-i needs an interface (- for standard input)", assertThrows(IllegalArgumentException.class,
                () -> GuiOptions.parse("-k", "-i")).getMessage());
        assertEquals("-f filters what an interface captures; a pipe carries what its writer captured (give the filter"
                + " to tcpdump)", assertThrows(IllegalArgumentException.class,
                () -> GuiOptions.parse("-k", "-i", "-", "-f", "udp")).getMessage());
        assertEquals("-i - reads one pipe: a tap at each DPU's port comes in it as two interfaces of one pcapng",
                assertThrows(IllegalArgumentException.class,
                        () -> GuiOptions.parse("-k", "-i", "-", "-i", "eth1")).getMessage());
    }

    @Test
    void helpIsAskedForAnywhereOnTheLineAndItsTextNamesEveryForm() {
        assertEquals(true, GuiOptions.asksForHelp("--help"));
        assertEquals(true, GuiOptions.asksForHelp(SAMPLE, "-h"));
        assertEquals(false, GuiOptions.asksForHelp(SAMPLE));
        for (String form : List.of("--tap", "--screenshot", "--view", "--bench", "-k -i IFACE", "-f BPF", "-w FILE",
                "-k -i -")) {
            org.junit.jupiter.api.Assertions.assertTrue(GuiOptions.USAGE.contains(form), form);
        }
    }
}
