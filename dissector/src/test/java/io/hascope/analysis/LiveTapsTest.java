package io.hascope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.MergingReader;
import io.hascope.capture.PcapngWriter;
import io.hascope.encode.FrameEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Taps named for a live capture ({@code live -i b0 -i b1 --tap ADDR=IFACE}): by the -i names or their numbers, and,
 * when the live analysis fell behind and the report is made from the written ring files, across those files, each of
 * which holds both interfaces again.
 */
class LiveTapsTest {
    private static final byte[] A = {(byte) 192, 0, 2, 1};
    private static final byte[] B = {(byte) 192, 0, 2, 2};
    private static final List<String> CAPTURED_ON = List.of("b0", "b1");

    /** One ring file: A's frame seen leaving on b0, then arriving at B on b1. */
    private static CaptureReader ringFile(long time) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(bytes, "test")) {
            w.addInterface(1, 65535, "b0");
            w.addInterface(1, 65535, "b1");
            byte[] frame = FrameEncoder.udpFrame(A, B, 7400, 7400, new byte[] {0x10, 0, 0, 0, 0, 1, 0, 1});
            w.write(0, time, frame);
            w.write(1, time + 1000, frame);
        }
        return Captures.open(new ByteArrayInputStream(bytes.toByteArray()), "ring");
    }

    @Test
    void acrossRingFilesEachFilesInterfacesAreTheTapsTheyWereNamedFor() throws Exception {
        NamedTaps live = NamedTaps.parseLive(List.of("192.0.2.1=b0", "192.0.2.2=1"), CAPTURED_ON);
        try (MergingReader files = new MergingReader(List.of(ringFile(1_000_000), ringFile(2_000_000)))) {
            NamedTaps across = live.acrossFiles(files, 2);
            List<Integer> directions = new ArrayList<>();
            List<Integer> interfaces = new ArrayList<>();
            Frame f = new Frame();
            while (files.next(f)) {
                interfaces.add(f.interfaceId());
                directions.add(across.direction(f));
            }
            assertEquals(List.of(0, 1, 2, 3), interfaces, "the second file's interfaces follow the first's");
            assertEquals(List.of(NamedTaps.LEAVING, NamedTaps.ARRIVING, NamedTaps.LEAVING, NamedTaps.ARRIVING),
                    directions, "in each file, b0 is A's tap and b1 is B's");
        }
    }

    @Test
    void aTapMustNameOneOfTheCapturedInterfaces() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NamedTaps.parseLive(List.of("192.0.2.1=b0", "192.0.2.2=eth7"), CAPTURED_ON));
        assertEquals("--tap: no capture interface is named 'eth7' (interfaces: 0 b0, 1 b1)", e.getMessage());
        IllegalArgumentException form = assertThrows(IllegalArgumentException.class,
                () -> NamedTaps.parseLive(List.of("b0", "192.0.2.2=b1"), CAPTURED_ON));
        assertEquals("--tap takes ADDR=IFACE (a DPU's IP address, then the interface its tap is on, by name or by"
                + " number in -i order), not 'b0'", form.getMessage());
    }
}
