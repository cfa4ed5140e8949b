package io.hascope.cli;

import io.hascope.stats.ExpertStatistics;
import io.hascope.stats.IoStatistics;
import io.hascope.stats.ResponseTimes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** tshark's -z: the statistics a command draws once its frames are read, each argument checked before any work. */
public final class StatisticsOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "-z", paramLabel = "STATISTICS", description = "Statistics printed once the frames are read, as"
            + " tshark -z: io,stat,INTERVAL[,COLUMN]... (a COLUMN is a display filter, FRAMES, BYTES, or"
            + " COUNT|SUM|MIN|MAX|AVG(field)[filter]), expert[,SEVERITY][,FILTER], hasync,srt[,FILTER]; -z help lists"
            + " them (repeatable)")
    List<String> arguments = new ArrayList<>();

    static final String HELP = String.join("\n",
            "Statistics for -z, as tshark's:",
            "  io,stat,INTERVAL[,COLUMN]...  frames and bytes, or calculations over fields, every INTERVAL seconds",
            "                                (0: the whole capture as one row). A COLUMN is empty (every frame),",
            "                                a display filter (the frames it matches), FRAMES, BYTES, or",
            "                                COUNT|SUM|MIN|MAX|AVG(field)[filter]: over each occurrence of the field",
            "                                (SUM, MIN, MAX, AVG: numbers and time spans such as",
            "                                hasync.analysis.reply_time) in the frames the filter matches",
            "  expert[,error|warn|note|chat][,FILTER]",
            "                                the dissector's findings (malformations), counted by kind, each",
            "                                severity from the one given on, in the frames the filter matches;",
            "                                with -2 the analysis' findings too",
            "  hasync,srt[,FILTER]           service response times: for each kind of request (a STATE op,",
            "                                PACKET_UPDATE, CAPABILITIES, SNAPSHOT_MARK, a DASH subtype or probe),",
            "                                the requests answered and their least, greatest, mean and summed",
            "                                reply time (takes the second pass); the filter chooses the requests",
            "Example: hascope decode -q -r f.pcapng -z io,stat,1,hasync.analysis.lost_reply,"
                    + "\"MAX(hasync.analysis.reply_time)\"",
            "");

    /** Whether -z help was given: the list is printed instead of any work. */
    boolean helpAsked() {
        return arguments.contains("help");
    }

    /** The statistics asked for, in order; an argument that is not one hascope draws is a usage error. */
    List<FrameStatistics> statistics() {
        List<FrameStatistics> out = new ArrayList<>();
        for (String z : arguments) {
            out.add(statisticsOf(z));
        }
        return out;
    }

    private FrameStatistics statisticsOf(String z) {
        try {
            if (z.startsWith("io,stat,")) {
                return FrameStatistics.of(IoStatistics.parse(z.substring("io,stat,".length())));
            }
            if (z.equals("expert") || z.startsWith("expert,")) {
                return FrameStatistics.of(ExpertStatistics.parse(z.substring("expert".length())));
            }
            if (z.equals("hasync,srt") || z.startsWith("hasync,srt,")) {
                return FrameStatistics.of(ResponseTimes.parse(z.substring("hasync,srt".length())));
            }
        } catch (IllegalArgumentException e) {
            String name = z.startsWith("io,") ? "io,stat" : z.startsWith("expert") ? "expert" : "hasync,srt";
            throw new ParameterException(command.commandLine(), "-z " + name + ": " + e.getMessage());
        }
        throw new ParameterException(command.commandLine(), "-z takes io,stat,INTERVAL[,COLUMN]...,"
                + " expert[,SEVERITY][,FILTER] or hasync,srt[,FILTER], not '" + z + "' (hascope decode -z help)");
    }
}
