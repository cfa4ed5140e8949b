package io.hascope.model;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.PcapngWriter;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.event.SyncEventSink;
import io.hascope.event.SyncMessage;
import io.hascope.event.SyncPacket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs the model into memory and decodes what it wrote, for tests. */
final class ModelHarness {
    /** What the dissector saw in one frame of the model's capture. */
    record Seen(long frame, String from, boolean reply, boolean q, boolean t, boolean x, int count, String opaque,
                List<Integer> ops, List<Integer> types, int experts) {
    }

    final ModelRun run;
    final byte[] capture;
    final List<Seen> frames = new ArrayList<>();

    private ModelHarness(ModelRun run, byte[] capture) {
        this.run = run;
        this.capture = capture;
    }

    static ModelHarness run(ModelConfig config) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelRun run;
        try (PcapngWriter w = new PcapngWriter(out, "test")) {
            run = Model.run(config, w);
        }
        ModelHarness h = new ModelHarness(run, out.toByteArray());
        h.decode();
        return h;
    }

    private void decode() throws IOException {
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "model")) {
            Dissector d = new Dissector(DissectorConfig.defaults());
            Frame f = new Frame();
            List<Integer> ops = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            SyncPacket[] last = new SyncPacket[1];
            boolean[] transportOnly = new boolean[1];
            SyncEventSink sink = new SyncEventSink() {
                @Override
                public void onTransport(io.hascope.event.TransportEvent t) {
                    transportOnly[0] = t.type != io.hascope.event.TransportEvent.DATA;
                }

                @Override
                public void onPacketStart(SyncPacket p) {
                    ops.clear();
                    types.clear();
                }

                @Override
                public void onMessage(SyncPacket p, SyncMessage m) {
                    ops.add(m.op);
                    types.add(m.rawType);
                }

                @Override
                public void onPacketEnd(SyncPacket p) {
                    StringBuilder o = new StringBuilder();
                    for (int i = 0; i < p.opaqueLength; i++) {
                        o.append(String.format("%02x", p.buffer.get(p.opaqueAt + i)));
                    }
                    frames.add(new Seen(p.frameNumber, p.source.toString(), p.isReply(), p.replyRequested,
                            p.truncateOk, p.truncated, p.messageCount, o.toString(), List.copyOf(ops),
                            List.copyOf(types), d.expertCount()));
                    last[0] = p;
                }
            };
            while (r.next(f)) {
                int before = frames.size();
                transportOnly[0] = false;
                d.dissect(f, io.hascope.field.FieldSink.NONE, sink);
                if (frames.size() == before && transportOnly[0] && d.expertCount() == 0) {
                    continue; // a KEEPALIVE or NACK: the transport's own frame, no sync packet in it
                }
                if (frames.size() == before || d.expertCount() > 0) {
                    frames.add(new Seen(f.number(), "?", false, false, false, false, -1, "", List.of(), List.of(),
                            Math.max(1, d.expertCount())));
                }
            }
        }
    }

    long experts() {
        return frames.stream().mapToLong(Seen::experts).sum();
    }

    static ModelConfig lossy(SenderMode mode, double loss) {
        ModelConfig c = small(mode);
        c.loss = loss;
        return c;
    }

    static ModelConfig small(SenderMode mode) {
        ModelConfig c = new ModelConfig();
        c.mode = mode;
        c.duration = 3 * ModelConfig.S;
        c.cps = 80;
        c.lifetimeMean = 500 * ModelConfig.MS;
        return c;
    }
}
