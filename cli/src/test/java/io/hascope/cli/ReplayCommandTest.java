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
        CliRun twoTapsOut = CliRun.run("replay", "-i", "lo", "--taps", "both", "--emit", "lo");
        assertEquals(ExitCode.USAGE, twoTapsOut.exitCode());
        assertTrue(twoTapsOut.err().startsWith("hascope: --emit sends what one tap sees: with --taps both the two"
                + " taps go to -w and the live analysis only"), twoTapsOut.err());
    }

    @Test
    void simulatesSyntheticTrafficOptionsAreRefusedNotIgnored() {
        String customer = CliRun.sample("customer-http-loopback.pcapng").toString();
        for (String[] option : new String[][] {{"--cps", "5000"}, {"--duration", "10s"}, {"--tcp-share", "0.5"},
            {"--ipv6-share", "0.5"}, {"--lifetime-dist", "fixed"}, {"--asymmetric", "0.2"}}) {
            CliRun r = CliRun.run("replay", "-q", "-r", customer, option[0], option[1]);
            assertEquals(ExitCode.USAGE, r.exitCode(), option[0]);
            assertTrue(r.err().startsWith("hascope: " + option[0] + " shapes simulate's synthetic traffic; a replay's"
                    + " traffic is the customer capture's (-r) or the interface's (-i)"), r.err());
        }
    }
}
