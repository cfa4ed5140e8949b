package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** hascope replay's choices, checked before anything is captured or simulated. */
class ReplayCommandTest {
    @Test
    void replayNeedsOneSourceOfCustomerTraffic() {
        CliRun both = CliRun.run("replay", "-r", CliRun.sample("customer-http-loopback.pcapng").toString(), "-i", "lo");
        assertEquals(ExitCode.USAGE, both.exitCode());
        assertTrue(both.err().contains("-r FILE or -i IFACE (one of them)"), both.err());
        CliRun twoTaps = CliRun.run("replay", "-i", "lo", "--taps", "both");
        assertEquals(ExitCode.USAGE, twoTaps.exitCode());
        assertTrue(twoTaps.err().contains("--taps both goes with simulate and replay -r"), twoTaps.err());
    }
}
