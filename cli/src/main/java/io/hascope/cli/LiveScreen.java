package io.hascope.cli;

import io.hascope.field.HasyncFields;
import io.hascope.analysis.Finding;
import io.hascope.analysis.LiveFigures;
import io.hascope.live.InterfaceCount;
import io.hascope.live.LiveStatus;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/** live's status screen on a terminal, redrawn in place once a second; loss is shown in capitals. */
final class LiveScreen {
    private static final int NEWEST = 10;
    private final Writer out;
    private final String title;
    private final String detail;
    private final Deque<String> newest = new ArrayDeque<>();

    LiveScreen(Writer out, String title, String detail) {
        this.out = out;
        this.title = title;
        this.detail = detail;
    }

    void finding(Finding f) {
        newest.addFirst(String.format(Locale.ROOT, "%-5s frame %-7d %s  %-24s %s", f.severity().label(), f.frame(),
                f.dpu().isEmpty() ? "" : f.dpu() + " → " + f.peer(), f.type().label(), f.reason()));
        while (newest.size() > NEWEST) {
            newest.removeLast();
        }
    }

    void draw(LiveStatus before, LiveStatus now) throws IOException {
        StringBuilder s = new StringBuilder("\033[H\033[2J");
        double seconds = Math.max(1e-9, (now.elapsedNanos() - before.elapsedNanos()) / 1e9);
        line(s, "hascope %s   %s", title, clock(now.elapsedNanos()));
        if (!detail.isEmpty()) {
            line(s, "           %s", detail);
        }
        line(s, "frames     %,d captured (%,.0f/s), %s, %,d analysed%s", now.framesCaptured(),
                (now.framesCaptured() - before.framesCaptured()) / seconds,
                now.framesWritten() < 0 ? "not written" : String.format(Locale.ROOT, "%,d written", now.framesWritten()),
                now.framesAnalysed(), now.analysisLagging() ? String.format(Locale.ROOT,
                        "   ANALYSIS LAGGING: %,d waiting, %,d skipped (the file still gets every frame)",
                        now.analysisBacklog(), now.analysisRefused()) : "");
        long lost = now.drops().droppedByKernel() + now.drops().droppedByInterface() + now.writerRefused();
        line(s, "drops      %s", lost == 0 ? "none" : String.format(Locale.ROOT,
                "LOSING FRAMES: %,d dropped by the kernel, %,d by the interface, %,d not written", now.drops()
                        .droppedByKernel(), now.drops().droppedByInterface(), now.writerRefused()));
        if (!now.interfaces().isEmpty()) {
            StringBuilder taps = new StringBuilder();
            for (InterfaceCount i : now.interfaces()) {
                taps.append(taps.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %,d frames", i.name(),
                        i.frames()));
            }
            String silent = now.silentInterface();
            line(s, "taps       %s%s", taps, silent == null ? "" : "   NO FRAMES ON " + silent
                    + ": its mirror port sends nothing, the capture is one-sided");
        }
        LiveFigures f = now.figures();
        line(s, "");
        if (f.dpus().isEmpty()) {
            line(s, "no HA sync traffic yet");
        }
        for (LiveFigures.Side d : f.dpus()) {
            LiveFigures.Side b = before.figures().side(d.address());
            String role = d.role() < 0 ? "" : HasyncFields.ROLES.nameOrNumber(d.role());
            line(s, "%-16s → %-16s %-10s %,9.0f msgs/s %,8.0f requests/s %,8.0f replies/s   table %,d own, %,d"
                            + " peer copies", d.address(), d.peer(), role,
                    (d.messages() - (b == null ? 0 : b.messages())) / seconds,
                    (d.requests() - (b == null ? 0 : b.requests())) / seconds,
                    (d.replies() - (b == null ? 0 : b.replies())) / seconds, d.own(), d.peerCopies());
        }
        line(s, "replies    %,d, reply time p50 %.2f ms, p99 %.2f ms", f.replies(), f.replyTimeMedianNanos() / 1e6,
                f.replyTimeP99Nanos() / 1e6);
        line(s, "holds      %,d in flight holding %,d packets", f.holdsInFlight(), f.packetsHeld());
        line(s, "findings   %,d%s", f.findings(), now.captureError() != null ? "   CAPTURE ENDED: " + now.captureError()
                : now.writeError() != null ? "   WRITE FAILED: " + now.writeError() : "");
        for (String n : newest) {
            line(s, "  %s", n);
        }
        out.write(s.toString());
        out.flush();
    }

    private static String clock(long nanos) {
        long t = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
