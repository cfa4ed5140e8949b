package io.hascope.decode;

import io.hascope.capture.LinkType;
import io.hascope.field.DashFields;
import io.hascope.field.ExpertFields;
import io.hascope.field.Field;
import io.hascope.field.FieldFormat;
import io.hascope.field.FieldTree;
import io.hascope.field.FrameFields;
import io.hascope.field.HasyncFields;
import io.hascope.field.IpFields;
import io.hascope.field.LinkFields;

/** The summary columns of a dissected frame (Source, Destination, Protocol, Info), as Wireshark's packet list. */
public final class Columns {
    private Columns() {
    }

    public static String source(FieldTree t) {
        return address(t, IpFields.SRC, LinkFields.ETH_SRC);
    }

    public static String destination(FieldTree t) {
        return address(t, IpFields.DST, LinkFields.ETH_DST);
    }

    private static String address(FieldTree t, Field ip, Field eth) {
        int i = t.first(ip);
        if (i < 0) {
            i = t.first(eth);
        }
        if (i < 0 && ip == IpFields.SRC) {
            i = t.first(LinkFields.SLL_SRC);
        }
        return i < 0 ? "" : FieldFormat.raw(t, i);
    }

    public static String protocol(FieldTree t) {
        if (t.has(HasyncFields.HASYNC)) {
            return "HASYNC";
        }
        if (t.has(HasyncFields.RUDP)) {
            return "RUDP";
        }
        if (t.has(DashFields.DASH)) {
            return "DASH";
        }
        if (t.has(IpFields.UDP)) {
            return "UDP";
        }
        if (t.has(IpFields.TCP)) {
            return "TCP";
        }
        if (t.has(IpFields.IP)) {
            long proto = t.valueOf(IpFields.PROTO, -1);
            String name = proto < 0 ? null : IpFields.PROTOCOLS.name(proto);
            return name != null ? name : t.valueOf(IpFields.VERSION, 4) == 6 ? "IPv6" : "IPv4";
        }
        int type = lastEtherType(t);
        if (type >= 0) {
            String name = LinkFields.ETHERTYPES.name(type);
            return name != null ? name : String.format("0x%04x", type);
        }
        return LinkType.name((int) t.valueOf(FrameFields.LINK_TYPE, -1));
    }

    private static int lastEtherType(FieldTree t) {
        int type = -1;
        for (Field f : new Field[] {LinkFields.ETH_TYPE, LinkFields.VLAN_ETYPE, LinkFields.SLL_PROTOCOL}) {
            for (int i = t.first(f); i >= 0; i = t.next(i)) {
                type = (int) t.value(i);
            }
        }
        return type;
    }

    public static String info(FieldTree t) {
        StringBuilder sb = new StringBuilder(96);
        if (t.has(HasyncFields.RUDP)) {
            transport(sb, t);
        }
        if (t.has(HasyncFields.HASYNC)) {
            hasync(sb, t);
        } else if (t.has(DashFields.DASH)) {
            dash(sb, t);
        } else if (!t.has(HasyncFields.RUDP)) {
            plain(sb, t);
        }
        int e = t.first(ExpertFields.MESSAGE);
        if (e >= 0) {
            sb.append(sb.length() > 0 ? " " : "").append('[').append(severityName(t)).append(": ")
                    .append(t.text(e));
            if (t.expertCount() > 1) {
                sb.append(" (+").append(t.expertCount() - 1).append(" more)");
            }
            sb.append(']');
        }
        return sb.toString();
    }

    private static String severityName(FieldTree t) {
        return switch (t.worstSeverity()) {
            case 4 -> "Malformed";
            case 3 -> "Warning";
            case 2 -> "Note";
            default -> "Chat";
        };
    }

    private static void transport(StringBuilder sb, FieldTree t) {
        long type = t.valueOf(HasyncFields.RUDP_TYPE, 0);
        String name = HasyncFields.RUDP_TYPES.name(type);
        sb.append(name != null ? name : "type " + type);
        if (type == 2) {
            sb.append(' ').append(t.valueOf(HasyncFields.RUDP_SEQ, 0));
        } else {
            sb.append(" seq=").append(t.valueOf(HasyncFields.RUDP_SEQ, 0));
        }
        sb.append(" ack=").append(t.valueOf(HasyncFields.RUDP_ACK, 0));
        if (t.has(HasyncFields.HASYNC)) {
            sb.append(" | ");
        }
    }

    private static void hasync(StringBuilder sb, FieldTree t) {
        boolean reply = t.valueOf(HasyncFields.FLAGS_REPLY, 0) != 0;
        sb.append(reply ? "Reply  " : "Request");
        sb.append(t.valueOf(HasyncFields.FLAGS_REPLY_REQUESTED, 0) != 0 ? " Q" : "  ");
        sb.append(t.valueOf(HasyncFields.FLAGS_TRUNCATE_OK, 0) != 0 ? " T" : "  ");
        sb.append(t.valueOf(HasyncFields.FLAGS_TRUNCATED, 0) != 0 ? " X" : "  ");
        long count = t.valueOf(HasyncFields.MSG_COUNT, 0);
        sb.append(String.format(" %2d msg%s", count, count == 1 ? " " : "s"));
        int msg = t.first(HasyncFields.MSG_TYPE);
        if (msg >= 0) {
            sb.append("  ");
            message(sb, t, msg);
            if (count > 1) {
                sb.append(" …");
            }
        }
        long role = t.valueOf(HasyncFields.ROLE, 0);
        sb.append("  [").append(nameOr(HasyncFields.ROLES, role)).append(" term ")
                .append(t.valueOf(HasyncFields.TERM, 0)).append(']');
    }

    /** One message in a few words: the first message of the packet stands for it in the Info column. */
    private static void message(StringBuilder sb, FieldTree t, int typeEntry) {
        long type = t.value(typeEntry);
        switch ((int) type) {
            case 1 -> {
                if (t.has(HasyncFields.STATE_OP)) {
                    sb.append(nameOr(HasyncFields.OPS, t.valueOf(HasyncFields.STATE_OP, 0))).append(' ');
                    endpoints(sb, t, HasyncFields.STATE_SRC, HasyncFields.STATE_SRCPORT, HasyncFields.STATE_DST,
                            HasyncFields.STATE_DSTPORT);
                    sb.append(' ').append(nameOr(HasyncFields.CONN_STATES,
                            t.valueOf(HasyncFields.STATE_CONN_STATE, 0)));
                    sb.append(" v").append(t.valueOf(HasyncFields.STATE_VERSION, 0));
                } else {
                    sb.append("STATE_UPDATE");
                }
            }
            case 2 -> {
                sb.append("PACKET ");
                if (t.has(HasyncFields.PKT_SRC)) {
                    endpoints(sb, t, HasyncFields.PKT_SRC, HasyncFields.PKT_SRCPORT, HasyncFields.PKT_DST,
                            HasyncFields.PKT_DSTPORT);
                    tcpFlags(sb, t.valueOf(HasyncFields.PKT_TCP_FLAGS, -1));
                }
            }
            case 3 -> {
                sb.append("CAPABILITIES");
                if (t.has(HasyncFields.CAP_MAX_MSGS)) {
                    sb.append(" N=").append(t.valueOf(HasyncFields.CAP_MAX_MSGS, 0));
                    long max = t.valueOf(HasyncFields.CAP_MAX_BYTES, 0);
                    if (max != 0) {
                        sb.append(" max=").append(max);
                    }
                    sb.append(t.valueOf(HasyncFields.CAP_TRUNCATION, 0) != 0 ? " truncates" : "");
                }
            }
            case 4 -> {
                sb.append("SNAPSHOT");
                if (t.has(HasyncFields.SNAP_PHASE)) {
                    sb.append(' ').append(nameOr(HasyncFields.PHASES, t.valueOf(HasyncFields.SNAP_PHASE, 0)))
                            .append(" round ").append(t.valueOf(HasyncFields.SNAP_ROUND, 0));
                    if (t.valueOf(HasyncFields.SNAP_PHASE, 0) == 2) {
                        sb.append(" (").append(t.valueOf(HasyncFields.SNAP_COUNT, 0)).append(" conns)");
                    }
                }
            }
            default -> sb.append("type ").append(type);
        }
    }

    private static void dash(StringBuilder sb, FieldTree t) {
        sb.append(nameOr(DashFields.TYPES, t.valueOf(DashFields.TYPE, 0)));
        long subtype = t.valueOf(DashFields.SUBTYPE, 0);
        if (subtype != 0) {
            sb.append(' ').append(nameOr(DashFields.SUBTYPES, subtype));
        }
        if (t.has(DashFields.KEY_SRC)) {
            sb.append(' ');
            endpoints(sb, t, DashFields.KEY_SRC, DashFields.KEY_SRCPORT, DashFields.KEY_DST, DashFields.KEY_DSTPORT);
        }
        if (t.has(DashFields.DATA_VERSION)) {
            sb.append(" v").append(t.valueOf(DashFields.DATA_VERSION, 0));
        }
        tcpFlags(sb, t.valueOf(DashFields.INNER_TCP_FLAGS, -1));
        sb.append(" len=").append(t.valueOf(DashFields.LENGTH, 0));
    }

    private static void plain(StringBuilder sb, FieldTree t) {
        if (t.has(IpFields.UDP_SRCPORT)) {
            sb.append(t.valueOf(IpFields.UDP_SRCPORT, 0)).append(" → ").append(t.valueOf(IpFields.UDP_DSTPORT, 0))
                    .append(" Len=").append(Math.max(0, t.valueOf(IpFields.UDP_LENGTH, 8) - 8));
        } else if (t.has(IpFields.TCP_SRCPORT)) {
            sb.append(t.valueOf(IpFields.TCP_SRCPORT, 0)).append(" → ").append(t.valueOf(IpFields.TCP_DSTPORT, 0));
            tcpFlags(sb, t.valueOf(IpFields.TCP_FLAGS, -1));
        }
    }

    private static void endpoints(StringBuilder sb, FieldTree t, Field src, Field sport, Field dst, Field dport) {
        endpoint(sb, t, src, sport);
        sb.append(" → ");
        endpoint(sb, t, dst, dport);
    }

    private static void endpoint(StringBuilder sb, FieldTree t, Field address, Field port) {
        int a = t.first(address);
        if (a < 0) {
            return;
        }
        boolean v6 = t.length(a) == 16;
        if (v6) {
            sb.append('[');
        }
        FieldFormat.raw(sb, t, a);
        if (v6) {
            sb.append(']');
        }
        int p = t.first(port);
        if (p >= 0) {
            sb.append(':').append(t.value(p));
        }
    }

    private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

    static void tcpFlags(StringBuilder sb, long flags) {
        if (flags < 0) {
            return;
        }
        sb.append(" [");
        boolean any = false;
        for (int bit : new int[] {1, 0, 2, 3, 4, 5, 6, 7}) {
            if ((flags & (1 << bit)) != 0) {
                sb.append(any ? "," : "").append(TCP_FLAG_NAMES[bit]);
                any = true;
            }
        }
        sb.append(']');
    }

    private static String nameOr(io.hascope.field.ValueNames names, long v) {
        String n = names.name(v);
        return n != null ? n : Long.toString(v);
    }
}
