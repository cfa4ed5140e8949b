package io.hascope.model;

import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.decode.Dissector;
import io.hascope.decode.DissectorConfig;
import io.hascope.field.FieldTree;
import io.hascope.field.IpFields;
import io.hascope.event.SyncEventSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real customer traffic as the model's workload: every TCP and UDP packet of a capture, at its own time, becomes a
 * step of its connection when it changes the connection's state (a TCP state machine fed by the real flags; the
 * first datagram of a UDP flow). Connections first seen mid-stream start ESTABLISHED.
 */
final class CustomerReplay {
    /** A state-changing packet of the capture and when it was seen, relative to the first packet. */
    record Timed(long time, int step) {
    }

    /** One connection of the capture: its client (first sender), its steps, and when each was seen. */
    static final class Connection {
        final ConnKey key;
        final boolean tcp;
        final List<Flow.Step> steps = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        long lastPacket;
        int state = ConnState.NONE;
        boolean clientFin;
        boolean serverFin;

        Connection(ConnKey key, boolean tcp) {
            this.key = key;
            this.tcp = tcp;
        }

        void add(long time, boolean fromClient, int flags, int newState) {
            if (newState != state) {
                steps.add(new Flow.Step(fromClient, flags, newState));
                times.add(time);
                state = newState;
            }
        }
    }

    private CustomerReplay() {
    }

    /** Reads the capture; connections in order of first packet. Throws with one sentence if it is unusable. */
    static List<Connection> read(String file, int enis) throws IOException {
        Tracker tracker = new Tracker(enis);
        long first = Long.MIN_VALUE;
        try (CaptureReader reader = Captures.open(file)) {
            Frame frame = new Frame();
            while (reader.next(frame)) {
                if (first == Long.MIN_VALUE && tracker.isCustomer(frame)) {
                    first = frame.timeNanos();
                }
                if (first != Long.MIN_VALUE) {
                    tracker.observe(frame, frame.timeNanos() - first);
                }
            }
            if (reader.problem() != null) {
                throw new IOException(reader.problem().message());
            }
        }
        return tracker.connections();
    }

    /**
     * Follows customer connections packet by packet: which connection each TCP or UDP packet belongs to (a new one
     * after a final state and a fresh SYN), and the state it takes it to. Used on a whole capture and live.
     */
    static final class Tracker {
        private final int enis;
        private final Map<String, Connection> byEndpoints = new LinkedHashMap<>();
        private final Dissector dissector = new Dissector(new DissectorConfig(List.of(), List.of(), false));
        private final FieldTree tree = FieldTree.only(List.of(IpFields.SRC, IpFields.DST, IpFields.PROTO,
                IpFields.UDP_SRCPORT, IpFields.UDP_DSTPORT, IpFields.TCP_SRCPORT, IpFields.TCP_DSTPORT,
                IpFields.TCP_FLAGS));
        private final List<Connection> all = new ArrayList<>();

        Tracker(int enis) {
            this.enis = enis;
        }

        /** Whether the frame is customer TCP or UDP (not ARP, ICMP or a fragment). */
        boolean isCustomer(Frame frame) {
            dissector.dissect(frame, tree, SyncEventSink.NONE);
            return tree.first(IpFields.SRC) >= 0 && tree.first(IpFields.DST) >= 0
                    && (tree.has(IpFields.TCP_FLAGS) || tree.has(IpFields.UDP_SRCPORT));
        }

        /** The connection the frame belongs to after it was seen at time, or null when it is not customer traffic. */
        Connection observe(Frame frame, long time) {
            if (!isCustomer(frame)) {
                return null;
            }
            int src = tree.first(IpFields.SRC);
            int dst = tree.first(IpFields.DST);
            boolean tcp = tree.has(IpFields.TCP_FLAGS);
            byte[] s = bytes(tree, src);
            byte[] d = bytes(tree, dst);
            int sport = (int) tree.valueOf(tcp ? IpFields.TCP_SRCPORT : IpFields.UDP_SRCPORT, 0);
            int dport = (int) tree.valueOf(tcp ? IpFields.TCP_DSTPORT : IpFields.UDP_DSTPORT, 0);
            String ab = endpoint(s, sport) + ">" + endpoint(d, dport) + "/" + (tcp ? 6 : 17);
            String ba = endpoint(d, dport) + ">" + endpoint(s, sport) + "/" + (tcp ? 6 : 17);
            Connection c = byEndpoints.get(ab);
            boolean fromClient = true;
            if (c == null) {
                c = byEndpoints.get(ba);
                fromClient = false;
            }
            if (c == null || (c.tcp && ConnState.isFinal(c.state) && (flags(tree) & 0x02) != 0)) {
                c = new Connection(key(s, d, sport, dport, tcp, enis), tcp);
                all.add(c);
                byEndpoints.remove(ba);
                byEndpoints.put(ab, c);
                fromClient = true;
            }
            c.lastPacket = time;
            if (tcp) {
                advance(c, time, fromClient, flags(tree));
            } else {
                c.add(time, fromClient, -1, ConnState.ACTIVE);
            }
            return c;
        }

        /** Every connection seen, in order of first packet. */
        List<Connection> connections() {
            return new ArrayList<>(all);
        }
    }

    /** The TCP state machine of spec §3.5, driven by the flags of each packet. */
    private static void advance(Connection c, long time, boolean fromClient, int flags) {
        boolean syn = (flags & 0x02) != 0;
        boolean ack = (flags & 0x10) != 0;
        boolean fin = (flags & 0x01) != 0;
        boolean rst = (flags & 0x04) != 0;
        if (ConnState.isFinal(c.state)) {
            return;
        }
        if (rst) {
            c.add(time, fromClient, flags, ConnState.RESET);
            return;
        }
        switch (c.state) {
            case ConnState.NONE -> c.add(time, fromClient, flags, syn && !ack ? ConnState.SYN_SENT
                    : syn ? ConnState.SYN_RECEIVED : ConnState.ESTABLISHED); // mid-stream: already established
            case ConnState.SYN_SENT -> {
                if (syn && ack) {
                    c.add(time, fromClient, flags, ConnState.SYN_RECEIVED);
                }
            }
            case ConnState.SYN_RECEIVED -> {
                if (ack && !syn) {
                    c.add(time, fromClient, flags, ConnState.ESTABLISHED);
                }
            }
            default -> {
                if (fin) {
                    if (fromClient) {
                        c.clientFin = true;
                    } else {
                        c.serverFin = true;
                    }
                    c.add(time, fromClient, flags, c.clientFin && c.serverFin ? ConnState.CLOSING : ConnState.FIN_WAIT);
                } else if (ack && c.state == ConnState.CLOSING) {
                    c.add(time, fromClient, flags, ConnState.CLOSED);
                }
            }
        }
    }

    private static int flags(FieldTree tree) {
        return (int) tree.valueOf(IpFields.TCP_FLAGS, 0);
    }

    private static byte[] bytes(FieldTree tree, int i) {
        byte[] out = new byte[tree.length(i)];
        tree.buffer().get(tree.start(i), out, 0, out.length);
        return out;
    }

    private static String endpoint(byte[] address, int port) {
        return java.util.Arrays.toString(address) + ":" + port;
    }

    private static ConnKey key(byte[] s, byte[] d, int sport, int dport, boolean tcp, int enis) {
        boolean v6 = s.length == 16;
        java.nio.ByteBuffer sb = java.nio.ByteBuffer.wrap(s);
        java.nio.ByteBuffer db = java.nio.ByteBuffer.wrap(d);
        long sh = v6 ? sb.getLong(0) : 0;
        long sl = v6 ? sb.getLong(8) : sb.getInt(0) & 0xffffffffL;
        long dh = v6 ? db.getLong(0) : 0;
        long dl = v6 ? db.getLong(8) : db.getInt(0) & 0xffffffffL;
        int eni = Math.floorMod(java.util.Arrays.hashCode(s) * 31 + java.util.Arrays.hashCode(d), enis);
        return new ConnKey(0x000d3a000000L + eni, 100 + eni, tcp ? 6 : 17, v6, sh, sl, dh, dl, sport, dport);
    }
}
