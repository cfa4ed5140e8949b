package io.hascope.decode;

import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import io.hascope.event.SyncEventSink;
import io.hascope.event.SyncMessage;
import io.hascope.event.SyncPacket;
import io.hascope.event.TransportEvent;
import io.hascope.field.ExpertFields;
import io.hascope.field.ExpertKind;
import io.hascope.field.Field;
import io.hascope.field.FieldColumns;
import io.hascope.field.FieldRegistry;
import io.hascope.field.FieldTree;
import java.util.ArrayList;
import java.util.List;

/** Test helper: one frame dissected into its tree and the events it produced, copied out for assertions. */
final class Decoded {
    final FieldTree tree = new FieldTree();
    final List<Packet> packets = new ArrayList<>();
    final List<Transport> transports = new ArrayList<>();

    record Message(int index, String type, int op, int state, boolean hasConnection, String source, String destination,
                   int sourcePort, int destinationPort, int protocol, long eni, int vnet, long version, int tcpFlags,
                   int maxMessages, int snapshotPhase, long snapshotRound, long snapshotCount, int bodyLength,
                   boolean bodyPresent, int opaqueLength) {
    }

    record Packet(String dialect, String kind, String source, String destination, boolean q, boolean t, boolean x,
                  int count, int role, int term, int opaqueLength, boolean transport, boolean malformed,
                  List<Message> messages) {
    }

    record Transport(int type, int seq, int ack) {
    }

    static Decoded frame(byte[] bytes) {
        return frame(bytes, LinkType.ETHERNET, DissectorConfig.defaults());
    }

    static Decoded frame(byte[] bytes, int linkType) {
        return frame(bytes, linkType, DissectorConfig.defaults());
    }

    static Decoded frame(byte[] bytes, int linkType, DissectorConfig config) {
        return frame(Frame.of(bytes, linkType), config);
    }

    static Decoded frame(Frame frame, DissectorConfig config) {
        Decoded d = new Decoded();
        Dissector dissector = new Dissector(config);
        List<Message> current = new ArrayList<>();
        dissector.dissect(frame, d.tree, new SyncEventSink() {
            @Override
            public void onTransport(TransportEvent t) {
                d.transports.add(new Transport(t.type, t.seq, t.ack));
            }

            @Override
            public void onPacketStart(SyncPacket p) {
                current.clear();
            }

            @Override
            public void onMessage(SyncPacket p, SyncMessage m) {
                current.add(new Message(m.index, m.type.name(), m.op, m.connectionState, m.hasConnection,
                        m.source.toString(), m.destination.toString(), m.sourcePort, m.destinationPort, m.protocol,
                        m.eni, m.vnet, m.version, m.tcpFlags, m.maxMessages, m.snapshotPhase, m.snapshotRound,
                        m.snapshotCount, m.bodyLength, m.bodyPresent, m.opaqueLength));
            }

            @Override
            public void onPacketEnd(SyncPacket p) {
                d.packets.add(new Packet(p.dialect.name(), p.kind.name(), p.source.toString(),
                        p.destination.toString(), p.replyRequested, p.truncateOk, p.truncated, p.messageCount, p.role,
                        p.term, p.opaqueLength, p.hasTransport, p.malformed, List.copyOf(current)));
            }
        });
        return d;
    }

    /** The -T fields text of one field ("" when absent). */
    String field(String name) {
        FieldColumns c = new FieldColumns(List.of(FieldRegistry.byName(name)), ',');
        StringBuilder sb = new StringBuilder();
        c.column(sb, tree, 0);
        return sb.toString();
    }

    boolean has(ExpertKind kind) {
        return tree.has(kind.field());
    }

    /** Offsets (within the frame) of every finding of this kind. */
    List<Long> offsets(ExpertKind kind) {
        List<Long> out = new ArrayList<>();
        for (int i = tree.first(kind.field()); i >= 0; i = tree.next(i)) {
            for (int j = i + 1; j < tree.size() && tree.parent(j) == i; j++) {
                if (tree.field(j) == ExpertFields.OFFSET) {
                    out.add(tree.value(j));
                }
            }
        }
        return out;
    }

    List<String> expertKinds() {
        List<String> out = new ArrayList<>();
        for (ExpertKind k : ExpertKind.values()) {
            if (tree.has(k.field())) {
                out.add(k.shortName());
            }
        }
        return out;
    }

    boolean hasField(Field f) {
        return tree.has(f);
    }
}
