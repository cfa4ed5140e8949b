package io.hascope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hascope.SharedFiles;
import io.hascope.capture.PcapngWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real customer traffic drives the model: states follow the real TCP flags, times follow the capture. */
class ReplayTest {
    static ModelRun replay(String file, ModelConfig c, ByteArrayOutputStream out) throws Exception {
        try (PcapngWriter w = new PcapngWriter(out, "test")) {
            return Model.replay(c, file, w);
        }
    }

    @Test
    void theWebBrowsingCaptureBecomesItsConnectionsWithTheirRealStates() throws Exception {
        String web = SharedFiles.resolve("realtraffic/web-browsing-2010.pcap").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelConfig c = new ModelConfig();
        ModelRun run = replay(web, c, out);
        assertEquals(19, run.connections(), "7 TCP connections with handshakes, the rest mid-stream TCP and DNS over UDP");
        long full = run.m.flows.stream().filter(f -> f.ownHistory.stream().map(h -> (int) h[1]).toList().equals(
                List.of(ConnState.SYN_SENT, ConnState.SYN_RECEIVED, ConnState.ESTABLISHED, ConnState.FIN_WAIT,
                        ConnState.CLOSING, ConnState.CLOSED))).count();
        assertTrue(full >= 1, "a whole TCP life, handshake to close, from the real flags");
        assertTrue(run.m.flows.stream().anyMatch(f -> f.ownHistory.get(0)[1] == ConnState.ESTABLISHED),
                "a connection first seen mid-stream starts ESTABLISHED");
        assertTrue(run.m.flows.stream().anyMatch(f -> f.key.ipv6()), "IPv6 connections too");
        assertEquals(0, run.holdsWith("expired"), "a clean link releases every held packet");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        replay(web, new ModelConfig(), again);
        assertArrayEquals(out.toByteArray(), again.toByteArray(), "deterministic");
    }

    @Test
    void theRecordedLoopbackTrafficReplaysWithALossyLink() throws Exception {
        String file = SampleSetTest.samples().resolve(SampleSet.CUSTOMER_CAPTURE).toString();
        ModelConfig c = new ModelConfig();
        c.loss = 0.2;
        ModelRun run = replay(file, c, new ByteArrayOutputStream());
        assertTrue(run.m.flows.stream().anyMatch(f -> f.ownHistory.stream().anyMatch(h -> h[1] == ConnState.RESET)),
                "the refused connection (SYN, then RST) is there");
        assertTrue(run.m.flows.stream().anyMatch(f -> f.key.protocol() == 17), "so are the UDP datagrams");
        assertTrue(run.holdsWith("expired") + run.holdsWith("released") > 0);
    }
}
