package io.hascope.stats;

import io.hascope.capture.Frame;
import io.hascope.field.AnalysisFields;
import io.hascope.field.DashFields;
import io.hascope.field.Field;
import io.hascope.field.FieldTree;
import io.hascope.field.HasyncFields;
import io.hascope.filter.DisplayFilter;
import io.hascope.filter.FilterException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * tshark's service response time tables ({@code -z hasync,srt[,FILTER]}): for each kind of request, how many were
 * answered and the least, greatest, mean and summed time to their reply, as the analysis paired them (reply_in on the
 * request, reply_to and reply_time on its reply). A request's kind is what its messages do: a STATE_UPDATE op, a
 * PACKET_UPDATE, CAPABILITIES, a SNAPSHOT_MARK, a DASH subtype or probe; "mixed" when they differ, "no messages" for
 * none.
 * The filter chooses the requests (the reply is counted for its request). A request answered twice counts once, at
 * its first reply.
 */
public final class ResponseTimes {
    /** The procedures, by index: tshark's Index column. */
    public static final String[] PROCEDURES = {"no messages", "STATE CREATE", "STATE UPDATE", "STATE DELETE",
            "STATE REFRESH", "PACKET_UPDATE", "CAPABILITIES", "SNAPSHOT_MARK", "mixed", "DASH FLOW_CREATE",
            "DASH FLOW_UPDATE", "DASH FLOW_DELETE", "DASH DP_PROBE", "DASH other"};
    private static final int MIXED = 8;
    private static final int DASH = 9;

    private final DisplayFilter filter;
    private final String filterText;
    /** Requests answered later, by frame: their procedure. */
    private final Map<Long, Integer> waiting = new HashMap<>();
    private final long[] calls = new long[PROCEDURES.length];
    private final long[] min = new long[PROCEDURES.length];
    private final long[] max = new long[PROCEDURES.length];
    private final long[] sum = new long[PROCEDURES.length];

    private ResponseTimes(DisplayFilter filter, String filterText) {
        this.filter = filter;
        this.filterText = filterText;
    }

    /** The table an {@code hasync,srt[,FILTER]} argument asks for, given what follows "hasync,srt". */
    public static ResponseTimes parse(String rest) {
        if (rest.isEmpty()) {
            return new ResponseTimes(null, "");
        }
        if (!rest.startsWith(",")) {
            throw new IllegalArgumentException("it takes a display filter after a comma, not '" + rest + "'");
        }
        String text = rest.substring(1);
        try {
            return new ResponseTimes(text.isBlank() ? null : DisplayFilter.compile(text), text);
        } catch (FilterException e) {
            throw new IllegalArgumentException("invalid display filter: " + e.reason() + " (column " + e.column() + ")");
        }
    }

    /** What the tree must keep: the request's messages, the pairing, the filter's fields. */
    public Set<Field> fields() {
        Set<Field> out = new LinkedHashSet<>(Set.of(AnalysisFields.REPLY_IN, AnalysisFields.REPLY_TO,
                AnalysisFields.REPLY_TIME, HasyncFields.MSG_TYPE, HasyncFields.STATE_OP, HasyncFields.HASYNC,
                DashFields.TYPE, DashFields.SUBTYPE));
        if (filter != null) {
            out.addAll(filter.fields());
        }
        return out;
    }

    public String filterText() {
        return filterText;
    }

    /** Takes one frame's tree, the analysis fields in it. */
    public void frame(Frame frame, FieldTree tree) {
        if (tree.has(AnalysisFields.REPLY_IN) && (filter == null || filter.matches(tree))) {
            waiting.put(frame.number(), procedureOf(tree));
        }
        int to = tree.first(AnalysisFields.REPLY_TO);
        int time = tree.first(AnalysisFields.REPLY_TIME);
        if (to >= 0 && time >= 0) {
            Integer procedure = waiting.remove(tree.value(to));
            if (procedure != null) {
                take(procedure, tree.value(time));
            }
        }
    }

    private void take(int p, long nanos) {
        min[p] = calls[p] == 0 ? nanos : Math.min(min[p], nanos);
        max[p] = calls[p] == 0 ? nanos : Math.max(max[p], nanos);
        sum[p] += nanos;
        calls[p]++;
    }

    private static int procedureOf(FieldTree tree) {
        if (tree.has(DashFields.TYPE)) {
            if (tree.valueOf(DashFields.TYPE, 0) == 3) {
                return DASH + 3; // a data-path probe, answered as a flow sync is
            }
            long subtype = tree.valueOf(DashFields.SUBTYPE, 0);
            return subtype >= 1 && subtype <= 3 ? DASH + (int) subtype - 1 : DASH + 4;
        }
        int kind = -1;
        int op = tree.first(HasyncFields.STATE_OP);
        for (int i = tree.first(HasyncFields.MSG_TYPE); i >= 0; i = tree.next(i)) {
            int k;
            long type = tree.value(i);
            if (type == 1) {
                k = op >= 0 && tree.value(op) >= 1 && tree.value(op) <= 4 ? (int) tree.value(op) : MIXED;
                op = op >= 0 ? tree.next(op) : -1;
            } else {
                k = type == 2 ? 5 : type == 3 ? 6 : type == 4 ? 7 : MIXED;
            }
            if (kind >= 0 && k != kind) {
                return MIXED;
            }
            kind = k;
        }
        return kind < 0 ? 0 : kind;
    }

    /** Requests of procedure p answered. */
    public long calls(int p) {
        return calls[p];
    }

    /** Least, greatest and summed reply times of procedure p, in nanoseconds. */
    public long min(int p) {
        return min[p];
    }

    public long max(int p) {
        return max[p];
    }

    public long sum(int p) {
        return sum[p];
    }
}
