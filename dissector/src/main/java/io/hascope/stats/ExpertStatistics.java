package io.hascope.stats;

import io.hascope.analysis.FindingType;
import io.hascope.field.AnalysisFields;
import io.hascope.field.ExpertKind;
import io.hascope.field.Field;
import io.hascope.field.FieldTree;
import io.hascope.field.Severity;
import io.hascope.filter.DisplayFilter;
import io.hascope.filter.FilterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * tshark's {@code -z expert[,error|warn|note|chat][,filter]}: how often each kind of expert item occurs, by severity,
 * in the frames the filter matches. The items are the dissector's named findings (every malformation of the spec's
 * §6, grouped as Malformed, Protocol or Reassemble) and, on a second pass, the analysis' findings on their frames
 * (grouped as Sequence: replies and the transport; or Protocol). An item is counted by its kind, where tshark counts
 * each distinct sentence: the sentences carry values (offsets, counts), so kinds are what add up.
 */
public final class ExpertStatistics {
    /** One row: its severity, Wireshark's group, the protocol and the summary. */
    public record Item(Severity severity, String group, String protocol, String summary) {
    }

    private static final ExpertKind[] KINDS = ExpertKind.values(); // values() copies the array on every call
    private static final FindingType[] FINDINGS = FindingType.values();

    private final Severity floor;
    private final DisplayFilter filter;
    private final Map<Item, long[]> counts = new LinkedHashMap<>();

    private ExpertStatistics(Severity floor, DisplayFilter filter) {
        this.floor = floor;
        this.filter = filter;
    }

    /** The statistics an {@code expert[,SEVERITY][,FILTER]} argument asks for, after "expert". */
    public static ExpertStatistics parse(String rest) {
        if (rest.isEmpty()) {
            return new ExpertStatistics(Severity.CHAT, null);
        }
        if (!rest.startsWith(",")) {
            throw new IllegalArgumentException("expert takes ,error ,warn ,note or ,chat and a display filter after"
                    + " it, not '" + rest + "'");
        }
        String[] parts = rest.substring(1).split(",", 2);
        Severity floor = switch (parts[0].strip()) {
            case "error" -> Severity.ERROR;
            case "warn" -> Severity.WARN;
            case "note" -> Severity.NOTE;
            case "chat" -> Severity.CHAT;
            default -> null;
        };
        String filterText = floor == null ? rest.substring(1) : parts.length > 1 ? parts[1] : "";
        DisplayFilter filter = null;
        if (!filterText.isBlank()) {
            try {
                filter = DisplayFilter.compile(filterText);
            } catch (FilterException e) {
                throw new IllegalArgumentException("invalid display filter: " + e.reason() + " (column "
                        + e.column() + ")");
            }
        }
        return new ExpertStatistics(floor == null ? Severity.CHAT : floor, filter);
    }

    /** The fields a dissection limited to them must keep: every expert kind's, the findings', the filter's. */
    public Set<Field> fields() {
        Set<Field> out = new LinkedHashSet<>();
        for (ExpertKind k : KINDS) {
            out.add(k.field());
        }
        out.add(AnalysisFields.FINDING);
        if (filter != null) {
            out.addAll(filter.fields());
        }
        return out;
    }

    /** The fields its filter reads. */
    public Set<Field> filterFields() {
        return filter == null ? Set.of() : filter.fields();
    }

    /** Takes one frame's tree. */
    public void frame(FieldTree tree) {
        if (filter != null && !filter.matches(tree)) {
            return;
        }
        for (ExpertKind k : KINDS) {
            for (int i = tree.first(k.field()); i >= 0; i = tree.next(i)) {
                count(new Item(k.severity(), groupOf(k), protocolOf(k.shortName()), k.summary()));
            }
        }
        for (int i = tree.first(AnalysisFields.FINDING); i >= 0; i = tree.next(i)) {
            int ordinal = (int) tree.value(i) - 1;
            if (ordinal < 0 || ordinal >= FINDINGS.length) {
                continue;
            }
            FindingType type = FINDINGS[ordinal];
            if (type != FindingType.MALFORMED) { // the dissector's own item, counted above
                count(findingItem(type));
            }
        }
    }

    private void count(Item item) {
        if (item.severity().level() >= floor.level()) {
            counts.computeIfAbsent(item, k -> new long[1])[0]++;
        }
    }

    private static String groupOf(ExpertKind k) {
        if (k == ExpertKind.IP_FRAGMENT) {
            return "Reassemble";
        }
        return k.severity() == Severity.ERROR || k == ExpertKind.SNAPLEN_CUT ? "Malformed" : "Protocol";
    }

    private static String protocolOf(String shortName) {
        String layer = shortName.substring(0, shortName.indexOf('.'));
        return switch (layer) {
            case "link" -> "ETH";
            case "inner" -> "HASYNC";
            case "dashmeta" -> "DASH";
            default -> layer.toUpperCase(java.util.Locale.ROOT);
        };
    }

    private static Item findingItem(FindingType type) {
        String name = type.name().toLowerCase(java.util.Locale.ROOT);
        boolean transport = name.startsWith("transport_");
        boolean sequence = transport || name.endsWith("_reply") || type == FindingType.RESEND;
        return new Item(type.severity(), sequence ? "Sequence" : "Protocol", transport ? "RUDP" : "HASYNC",
                AnalysisFields.FINDING_TYPES.name(type.ordinal() + 1) + " (analysis)");
    }

    /** The rows of one severity, in the order their kinds were first met, with their counts. */
    public List<Map.Entry<Item, Long>> items(Severity severity) {
        List<Map.Entry<Item, Long>> out = new ArrayList<>();
        for (Map.Entry<Item, long[]> e : counts.entrySet()) {
            if (e.getKey().severity() == severity) {
                out.add(Map.entry(e.getKey(), e.getValue()[0]));
            }
        }
        return out;
    }
}
