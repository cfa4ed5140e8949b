package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hascope.capture.CaptureReader;
import io.hascope.capture.Captures;
import io.hascope.capture.Frame;
import io.hascope.capture.PcapngWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `hascope analyze` as a user and a CI job run it. */
class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String sample(String name) {
        return CliRun.sample(name).toString();
    }

    private static JsonNode json(String... args) throws Exception {
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void theJsonOfAConformanceScenarioCarriesItsExpectedCountsAndFigures() throws Exception {
        JsonNode expected = JSON.readTree(CliRun.shared("conformance/scenarios/lost-replies.expected.json").toFile());
        JsonNode got = json("analyze", "-q", "--format", "json", "-r",
                CliRun.shared("conformance/scenarios/lost-replies.pcap").toString());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("counts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asLong(), got.get("counts").path(e.getKey()).asLong(), e.getKey());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("figures").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] path = e.getKey().split("\\.");
            assertEquals(e.getValue().asDouble(), got.get(path[0]).get(path[1]).asDouble(), 1e-9, e.getKey());
        }
        long findings = got.get("findings").size();
        CliRun csv = CliRun.run("analyze", "-q", "--format", "csv", "-r",
                CliRun.shared("conformance/scenarios/lost-replies.pcap").toString());
        assertEquals(findings + 1, csv.lines().length, "CSV: a header, then one row per finding");
        assertTrue(csv.lines()[0].startsWith("type,severity,frame,time,dpu,peer,"));
    }

    @Test
    void theTextReportLeadsWithTheScorecardThenFindingsWorstFirst() {
        CliRun r = CliRun.run("analyze", "-r", sample("model-hold-failover.pcapng"));
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.indexOf("scorecard") < out.indexOf("findings:"), out);
        String[] lines = r.lines();
        int firstFinding = Arrays.asList(lines).indexOf(Arrays.stream(lines)
                .filter(l -> l.matches("  (error|warn|note|chat) .*")).findFirst().orElseThrow());
        assertTrue(lines[firstFinding].startsWith("  error frame"), "the failover (error) comes before warnings");
        assertTrue(out.contains("was never acknowledged by 192.0.2.2"), out);
        assertTrue(out.contains("192.0.2.1        roles ACTIVE,STANDALONE"), out);
    }

    @Test
    void keepFindingsListsOnlyTheFirstMadeAndStillCountsAndGatesOnThemAll() throws Exception {
        String partition = sample("model-partition.pcapng");
        JsonNode all = json("analyze", "-q", "--format", "json", "-r", partition);
        CliRun kept = CliRun.run("analyze", "-q", "--format", "json", "--keep-findings", "3", "-r", partition);
        assertEquals(ExitCode.OK, kept.exitCode(), kept.err());
        JsonNode report = JSON.readTree(kept.out());
        int made = all.get("findings").size();
        assertEquals(3, report.get("findings").size());
        assertEquals(all.get("counts"), report.get("counts"), "the counts are of every finding made");
        assertEquals(all.get("scorecard"), report.get("scorecard"));
        assertEquals(String.format("hascope: %,d findings were made beyond the first 3 kept for this report"
                + " (--keep-findings); they are in the counts and the gate, not in the list%n", made - 3), kept.err());
        assertEquals(made - 3, report.get("findings_not_kept").asInt(), "the JSON says the list is not all");
        assertNull(all.get("findings_not_kept"), "only when some were left out");
        String text = CliRun.run("analyze", "-q", "--keep-findings", "3", "-r", partition).out();
        assertTrue(text.contains(String.format("  and %,d more made beyond the first 3 kept (--keep-findings): in the"
                + " scorecard and the gate, not listed%n", made - 3)), text);
        assertFalse(CliRun.run("analyze", "-q", "-r", partition).out().contains("more made beyond"));

        // with none kept, the failover (an error) still fails the gate, unless its type is not shown
        String failover = sample("model-hold-failover.pcapng");
        assertEquals(ExitCode.GATE, CliRun.run("analyze", "-q", "--keep-findings", "0", "--fail-on", "error", "-r",
                failover).exitCode());
        assertEquals(ExitCode.OK, CliRun.run("analyze", "-q", "--keep-findings", "0", "--fail-on", "error",
                "--findings", "lost_reply", "-r", failover).exitCode());
        assertEquals(ExitCode.OK, CliRun.run("analyze", "-q", "--keep-findings", "1000", "-r", failover).exitCode());
        assertTrue(CliRun.run("analyze", "-q", "--keep-findings", "1000", "-r", failover).err().isEmpty(),
                "nothing to say when all are kept");
        CliRun negative = CliRun.run("analyze", "--keep-findings", "-1", "-r", failover);
        assertEquals(ExitCode.USAGE, negative.exitCode());
        assertTrue(negative.err().contains("--keep-findings takes a count of 0 or more, not -1"), negative.err());
    }

    @Test
    void failOnGatesTheExitCodeBySeverity() {
        String failover = sample("model-hold-failover.pcapng");
        assertEquals(ExitCode.GATE, CliRun.run("analyze", "-q", "--fail-on", "error", "-r", failover).exitCode());
        assertEquals(ExitCode.GATE, CliRun.run("analyze", "-q", "--fail-on", "warn", "-r", failover).exitCode());
        assertEquals(ExitCode.OK, CliRun.run("analyze", "-q", "--fail-on", "never", "-r", failover).exitCode());
        assertEquals(ExitCode.OK, CliRun.run("analyze", "-q", "-r", failover).exitCode(), "never is the default");
        String lossy = sample("model-hold-loss1.pcapng");
        assertEquals(ExitCode.OK, CliRun.run("analyze", "-q", "--fail-on", "error", "-r", lossy).exitCode(),
                "warnings alone do not fail an error gate");
        assertEquals(ExitCode.GATE, CliRun.run("analyze", "-q", "--fail-on", "warn", "-r", lossy).exitCode());
        assertEquals(ExitCode.OK, CliRun.run("analyze", "-q", "--fail-on", "warn", "-r",
                sample("model-hold-clean.pcapng")).exitCode());
        assertEquals(ExitCode.OK, CliRun.run("analyze", "-q", "--fail-on", "warn", "--findings", "failover", "-r",
                lossy).exitCode(), "the gate looks only at the findings shown");
        assertEquals(ExitCode.USAGE, CliRun.run("analyze", "--fail-on", "sometimes", "-r", lossy).exitCode());
    }

    @Test
    void findingsAndDisplayFilterNarrowWhatIsShown() throws Exception {
        String failover = sample("model-hold-failover.pcapng");
        JsonNode lost = json("analyze", "-q", "--format", "json", "--findings", "lost_reply", "-r", failover);
        assertEquals(45, lost.get("findings").size());
        lost.get("findings").forEach(f -> assertEquals("lost_reply", f.get("type").asText()));
        assertEquals(45, lost.get("counts").get("lost_reply").asLong(), "counts always cover the whole capture");
        JsonNode one = json("analyze", "-q", "--format", "json", "-Y", "frame.number == 621", "-r", failover);
        assertEquals(1, one.get("findings").size());
        assertEquals("failover", one.get("findings").get(0).get("type").asText());
        CliRun bad = CliRun.run("analyze", "--findings", "gremlins", "-r", failover);
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("'gremlins' is not a finding type"), bad.err());
        assertEquals(ExitCode.USAGE, CliRun.run("analyze", "-Y", "hasync.op ==", "-r", failover).exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--reply-timeout=0s", "--reply-timeout=-5ms", "--divergence-grace=-1s",
            "--zombie-grace=100d", "--ha-timeout=0s", "--failover-silence=0s", "--max-nack=0", "--idle-timeout=0s",
            "--reply-timeout=soon"})
    void absurdThresholdsAreRefusedWithOneSentence(String option) {
        CliRun r = CliRun.run("analyze", option, "-r", sample("model-hold-clean.pcapng"));
        assertEquals(ExitCode.USAGE, r.exitCode(), option + ": " + r.err());
        assertTrue(r.err().contains(option.substring(0, option.indexOf('='))), "the message names the option: "
                + r.err());
        assertEquals("", r.out());
    }

    @Test
    void aNegativeDurationIsNamedAsSuchAndHoursAreADuration() {
        CliRun negative = CliRun.run("analyze", "--reply-timeout=-5ms", "-r", sample("model-hold-clean.pcapng"));
        assertEquals(ExitCode.USAGE, negative.exitCode());
        assertTrue(negative.err().contains("'-5ms' is negative"), negative.err());
        DurationConverter durations = new DurationConverter();
        assertEquals(3_600_000_000_000L, durations.convert("1h"));
        assertEquals(150_000_000_000L, durations.convert("2.5m"));
        assertEquals(250_000_000L, durations.convert("250ms"));
        assertEquals(2_000_000_000L, durations.convert("2"));
        assertEquals(ExitCode.OK, CliRun.run("analyze", "-q", "--idle-timeout", "1h", "-r",
                sample("model-hold-clean.pcapng")).exitCode());
    }

    @Test
    void eachThresholdsHelpSaysWhatItJudgesAndTheDefaultTheAnalysisUses() throws Exception {
        io.hascope.analysis.AnalysisConfig defaults = new io.hascope.analysis.AnalysisConfig();
        Map<String, Long> used = Map.of("--reply-timeout", defaults.replyTimeout,
                "--divergence-grace", defaults.divergenceGrace, "--zombie-grace", defaults.zombieGrace,
                "--ha-timeout", defaults.haTimeout, "--failover-silence", defaults.failoverSilence,
                "--idle-timeout", defaults.idleTimeout);
        picocli.CommandLine.Model.CommandSpec spec = new picocli.CommandLine(new AnalyzeCommand()).getCommandSpec();
        java.util.regex.Pattern stated = java.util.regex.Pattern.compile("\\(default ([0-9.]+[a-z]*)\\)$");
        DurationConverter durations = new DurationConverter();
        for (Map.Entry<String, Long> threshold : used.entrySet()) {
            String help = String.join(" ", spec.findOption(threshold.getKey()).description());
            java.util.regex.Matcher m = stated.matcher(help);
            assertTrue(m.find(), threshold.getKey() + " states its default: " + help);
            assertEquals(threshold.getValue(), durations.convert(m.group(1)), threshold.getKey() + ": " + help);
            assertTrue(help.split(" ").length > 8, threshold.getKey() + " says what it judges: " + help);
        }
        String maxNack = String.join(" ", spec.findOption("--max-nack").description());
        assertTrue(maxNack.endsWith("(default " + defaults.maxNack + ")"), maxNack);
    }

    @Test
    void theHaTimeoutAgesOutTheCopiesOfARefreshingOwnerAndWithThemTheirZombies() throws Exception {
        // the sample's owners refresh every second and its truth ages copies after 2.5 s; 181 s never pass in it
        String aging = sample("model-refresh-aging.pcapng");
        JsonNode never = json("analyze", "-q", "--format", "json", "--findings", "zombie", "-r", aging);
        JsonNode timely = json("analyze", "-q", "--format", "json", "--findings", "zombie", "--ha-timeout", "2.5s",
                "-r", aging);
        assertEquals(18, never.get("findings").size());
        never.get("findings").forEach(z -> assertTrue(z.get("detail").get("present_at_end").asBoolean(), z.toString()));
        assertEquals(16, timely.get("findings").size(), "two lost DELETEs were aged out within the grace");
        long agedOut = 0;
        for (JsonNode z : timely.get("findings")) {
            agedOut += z.get("detail").get("present_at_end").asBoolean() ? 0 : 1;
            assertTrue(z.get("detail").get("lifetime_s").asDouble() <= 2.5, "none outlives the timeout: " + z);
        }
        assertEquals(14, agedOut, "the rest were refreshed too late in the capture to age out before its end");
    }

    @Test
    void aThresholdChangesTheVerdict() throws Exception {
        String lossy = sample("model-hold-loss1.pcapng");
        JsonNode strict = json("analyze", "-q", "--format", "json", "--divergence-grace", "1ms", "-r", lossy);
        JsonNode lenient = json("analyze", "-q", "--format", "json", "--divergence-grace", "60s", "-r", lossy);
        assertTrue(strict.get("counts").path("divergence").asLong() > lenient.get("counts").path("divergence").asLong(),
                "a shorter grace reports more divergences");
        JsonNode hasty = json("analyze", "-q", "--format", "json", "--reply-timeout", "1us", "-r", lossy);
        assertEquals(0, json("analyze", "-q", "--format", "json", "-r", lossy).get("holds").get("late").asLong());
        assertTrue(hasty.get("holds").get("late").asLong() > 100, "a 1 us timeout makes every answered hold late");
        JsonNode patient = json("analyze", "-q", "--format", "json", "--reply-timeout", "10s", "-r", lossy);
        assertEquals(0, patient.get("holds").get("expired").asLong(), "no hold can expire within a 10 s timeout...");
        assertEquals(10, patient.get("holds").get("open_at_end").asLong(), "...so the unanswered ten are still open");
        assertEquals(0, patient.get("counts").path("lost_reply").asLong());
    }

    @Test
    void aCaptureWithoutHaTrafficSaysSoAndSucceeds() {
        CliRun r = CliRun.run("analyze", "--fail-on", "warn", "-r", sample("customer-http-loopback.pcapng"));
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("no HA sync traffic in these 54 frames: nothing to analyse"), r.out());
        assertTrue(r.out().contains(", dialects none\n"), r.out());
    }

    @Test
    void unreadableAndCutFilesBehaveAsInDecode() throws Exception {
        Path missing = dir.resolve("nope.pcap");
        CliRun r = CliRun.run("analyze", "-r", missing.toString());
        assertEquals(ExitCode.UNREADABLE, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "this is not a capture\n");
        assertEquals(ExitCode.UNREADABLE, CliRun.run("analyze", "-r", text.toString()).exitCode());
        byte[] whole = Files.readAllBytes(CliRun.sample("model-hold-loss1.pcapng"));
        Path cut = dir.resolve("cut.pcapng");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 37));
        CliRun c = CliRun.run("analyze", "-q", "-r", cut.toString());
        assertEquals(ExitCode.CORRUPT, c.exitCode(), c.err());
        assertEquals(ExitCode.CORRUPT, CliRun.run("decode", "-r", cut.toString()).exitCode());
        assertTrue(c.out().contains("scorecard"), "what was read is still reported");
    }

    @Test
    void tablesAtAFrameDiffAndHoldsInFlight() throws Exception {
        String lossy = sample("model-hold-loss1.pcapng");
        JsonNode at = json("analyze", "-q", "--format", "json", "--at", "524", "--holds", "-r", lossy);
        assertEquals(524, at.get("capture").get("frames").asLong(), "as of frame 524: that frame included");
        assertEquals(1, at.get("in_flight").size());
        assertEquals(524, at.get("in_flight").get(0).get("frame").asLong());
        assertTrue(at.get("tables").has("192.0.2.1") && at.get("tables").has("192.0.2.2"));
        CliRun diff = CliRun.run("analyze", "-q", "--tables", "--diff", "--findings", "failover", "-r",
                sample("model-hold-failover.pcapng"));
        assertEquals(0, diff.exitCode(), diff.err());
        assertTrue(diff.out().contains("192.0.2.1 owns / 192.0.2.2 holds"), diff.out());
        assertTrue(diff.out().contains("missing_on_peer"), "the divergences of that capture are marked");
        CliRun one = CliRun.run("analyze", "-q", "--tables", "--dpu", "192.0.2.2", "-r", lossy);
        assertTrue(one.out().contains("table of 192.0.2.2") && !one.out().contains("table of 192.0.2.1"), one.out());
        assertEquals(ExitCode.USAGE, CliRun.run("analyze", "--at", "yesterday", "-r", lossy).exitCode());
        CliRun huge = CliRun.run("analyze", "--at", "99999999999999999999", "-r", lossy);
        assertEquals(ExitCode.USAGE, huge.exitCode(), "a frame number no long holds is one sentence, not a crash");
        assertTrue(huge.err().startsWith("hascope: --at: frame 99999999999999999999 is beyond any capture"),
                huge.err());
    }

    @Test
    void diffAndDpuAskForTheTablesThemselvesAndDpuNamesOnlyADpuOfTheCapture() {
        String partition = sample("model-partition.pcapng");
        CliRun diff = CliRun.run("analyze", "-q", "--diff", "--findings", "failover", "-r", partition);
        assertTrue(diff.out().contains("192.0.2.1 owns / 192.0.2.2 holds")
                && diff.out().contains("192.0.2.2 owns / 192.0.2.1 holds"), "--diff alone shows both sides: "
                + diff.out());
        CliRun ownSide = CliRun.run("analyze", "-q", "--diff", "--dpu", "192.0.2.2", "-r", partition);
        assertTrue(ownSide.out().contains("192.0.2.2 owns / 192.0.2.1 holds"), ownSide.out());
        assertFalse(ownSide.out().contains("192.0.2.1 owns"), "with --dpu, only that DPU's own entries: "
                + ownSide.out());
        CliRun alone = CliRun.run("analyze", "-q", "--dpu", "192.0.2.2", "-r", partition);
        assertTrue(alone.out().contains("table of 192.0.2.2") && !alone.out().contains("table of 192.0.2.1"),
                "--dpu alone shows that DPU's table: " + alone.out());

        CliRun absent = CliRun.run("analyze", "-q", "--dpu", "10.9.9.9", "-r", partition);
        assertEquals(ExitCode.OK, absent.exitCode(), "a DPU the capture lacks is a fact about the capture");
        assertTrue(absent.out().contains("no DPU 10.9.9.9 in this capture; its DPUs: 192.0.2.1, 192.0.2.2"),
                absent.out());
        CliRun notAnAddress = CliRun.run("analyze", "-q", "--dpu", "dpu-a.example", "-r", partition);
        assertEquals(ExitCode.USAGE, notAnAddress.exitCode());
        assertTrue(notAnAddress.err().contains("--dpu takes a DPU's IP address, not 'dpu-a.example'"),
                "never resolved as a host name: " + notAnAddress.err());
        assertEquals("", notAnAddress.out());
    }

    @Test
    void csvWithTablesIsOneRowPerTableEntryTheEntriesTheJsonTablesHold() throws Exception {
        String partition = sample("model-partition.pcapng");
        JsonNode tables = json("analyze", "-q", "--format", "json", "--tables", "--at", "1.5s", "-r", partition)
                .get("tables");
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> dpus = tables.fields(); dpus.hasNext(); ) {
            Map.Entry<String, JsonNode> dpu = dpus.next();
            for (JsonNode e : dpu.getValue()) {
                JsonNode k = e.get("key");
                expected.add(String.join(",", dpu.getKey(), e.get("side").asText(), k.get("eni").asText(),
                        k.get("vnet").asText(), k.get("proto").asText(), k.get("src").asText(),
                        k.get("srcport").asText(), k.get("dst").asText(), k.get("dstport").asText(),
                        e.get("state").asText(), e.get("version").asText(), e.get("last_frame").asText()));
            }
        }
        CliRun csv = CliRun.run("analyze", "-q", "--format", "csv", "--tables", "--at", "1.5s", "-r", partition);
        assertEquals(ExitCode.OK, csv.exitCode(), csv.err());
        String[] rows = csv.lines();
        assertEquals("dpu,side,eni,vnet,proto,src,srcport,dst,dstport,state,version,last_frame", rows[0]);
        assertTrue(expected.size() > 50, "both tables hold entries: " + expected.size());
        assertEquals(expected, Arrays.asList(rows).subList(1, rows.length), "the JSON's entries, in its order");

        CliRun one = CliRun.run("analyze", "-q", "--format", "csv", "--dpu", "192.0.2.2", "--at", "1.5s", "-r",
                partition);
        assertEquals(expected.stream().filter(r -> r.startsWith("192.0.2.2,")).toList(),
                Arrays.asList(one.lines()).subList(1, one.lines().length), "--dpu: that DPU's rows only");
    }

    @Test
    void csvWithDiffIsOneRowPerConnectionWithTheDifferenceTheTextMarks() {
        String partition = sample("model-partition.pcapng");
        CliRun text = CliRun.run("analyze", "-q", "--diff", "-r", partition);
        java.util.List<String> marked = new java.util.ArrayList<>();
        boolean inDiff = false;
        for (String line : text.lines()) {
            if (line.contains(" owns / ")) {
                inDiff = true;
            } else if (inDiff) {
                String last = line.substring(line.lastIndexOf(' ') + 1);
                marked.add(last.startsWith("@") ? "" : last); // an agreeing row ends with the copy's frame
            }
        }
        CliRun csv = CliRun.run("analyze", "-q", "--format", "csv", "--diff", "-r", partition);
        assertEquals(ExitCode.OK, csv.exitCode(), csv.err());
        String[] rows = csv.lines();
        assertEquals("owner,peer,eni,vnet,proto,src,srcport,dst,dstport,own_state,own_version,own_frame,copy_state,"
                + "copy_version,copy_frame,difference", rows[0]);
        java.util.List<String> differences = new java.util.ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            String[] cells = rows[i].split(",", -1);
            assertEquals(16, cells.length, rows[i]);
            differences.add(cells[15]);
        }
        assertEquals(marked, differences, "row by row, the difference the text marks");
        assertTrue(differences.contains("state_mismatch") && differences.contains("zombie?"), differences.toString());
        assertTrue(Arrays.stream(rows).anyMatch(r -> r.contains(",,,,ESTABLISHED,")),
                "a copy without its owner's entry leaves the owner's three cells empty");
    }

    @Test
    void jsonWithDiffListsTheRowsTheCsvDiffHasWithTheSameDifferences() throws Exception {
        String partition = sample("model-partition.pcapng");
        JsonNode diff = json("analyze", "-q", "--format", "json", "--diff", "-r", partition).get("diff");
        CliRun csv = CliRun.run("analyze", "-q", "--format", "csv", "--diff", "-r", partition);
        String[] rows = csv.lines();
        assertEquals(rows.length - 1, diff.size());
        for (int i = 0; i < diff.size(); i++) {
            JsonNode d = diff.get(i);
            JsonNode k = d.get("key");
            String own = d.get("own").isNull() ? ",," : d.get("own").get("state").asText() + ","
                    + d.get("own").get("version").asText() + "," + d.get("own").get("last_frame").asText();
            String copy = d.get("copy").isNull() ? ",," : d.get("copy").get("state").asText() + ","
                    + d.get("copy").get("version").asText() + "," + d.get("copy").get("last_frame").asText();
            assertEquals(rows[i + 1], String.join(",", d.get("owner").asText(), d.get("peer").asText(),
                    k.get("eni").asText(), k.get("vnet").asText(), k.get("proto").asText(), k.get("src").asText(),
                    k.get("srcport").asText(), k.get("dst").asText(), k.get("dstport").asText(), own, copy,
                    d.get("difference").isNull() ? "" : d.get("difference").asText()));
        }
        assertFalse(json("analyze", "-q", "--format", "json", "--tables", "-r", partition).has("diff"),
                "only with --diff");
    }

    @Test
    void csvWithHoldsIsOneRowPerHoldInFlightAsTheJsonListsThem() throws Exception {
        String partition = sample("model-partition.pcapng");
        JsonNode inFlight = json("analyze", "-q", "--format", "json", "--holds", "--at", "400", "-r", partition)
                .get("in_flight");
        CliRun csv = CliRun.run("analyze", "-q", "--format", "csv", "--holds", "--at", "400", "-r", partition);
        assertEquals(ExitCode.OK, csv.exitCode(), csv.err());
        String[] rows = csv.lines();
        assertEquals("frame,time,dpu,peer,held_packets,messages,resends,eni,vnet,proto,src,srcport,dst,dstport",
                rows[0]);
        assertTrue(inFlight.size() > 0, "holds in flight at frame 400");
        assertEquals(inFlight.size(), rows.length - 1);
        for (int i = 0; i < inFlight.size(); i++) {
            JsonNode h = inFlight.get(i);
            String[] cells = rows[i + 1].split(",", -1);
            assertEquals(h.get("frame").asText(), cells[0]);
            assertEquals(h.get("time").asDouble(), Double.parseDouble(cells[1]), 1e-9);
            assertEquals(h.get("dpu").asText() + " " + h.get("peer").asText(), cells[2] + " " + cells[3]);
            assertEquals(h.get("held_packets").asText() + " " + h.get("messages").asText() + " "
                    + h.get("resends").asText(), cells[4] + " " + cells[5] + " " + cells[6]);
            assertEquals(h.get("connection").isNull() ? "" : h.get("connection").get("srcport").asText(), cells[11]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--tables", "--diff", "--dpu=192.0.2.1"})
    void csvHoldsOneTableSoTablesWithHoldsAskForJson(String option) {
        CliRun r = CliRun.run("analyze", "-q", "--format", "csv", option, "--holds", "-r",
                sample("model-partition.pcapng"));
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("--format csv writes one table: the tables (--tables, --dpu, --diff) or the holds"
                + " in flight (--holds), not both; --format json has room for both"), r.err());
        assertEquals("", r.out(), "nothing half-written");
    }

    @Test
    void csvAsOfAFrameHasTheFindingsUpToThatFrame() {
        CliRun r = CliRun.run("analyze", "-q", "--format", "csv", "--at", "400", "-r",
                sample("model-partition.pcapng"));
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        String[] rows = r.out().split("\n");
        assertTrue(rows.length > 1, r.out());
        for (int i = 1; i < rows.length; i++) {
            assertTrue(Long.parseLong(rows[i].split(",")[2]) <= 400, rows[i]);
        }
    }

    /** Each frame of a capture as "number|interface|time|bytes|comment". */
    private static java.util.List<String> framesOf(Path capture) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (CaptureReader r = Captures.open(capture.toString())) {
            Frame f = new Frame();
            while (r.next(f)) {
                out.add(f.number() + "|" + f.interfaceId() + "|" + f.timeNanos() + "|"
                        + Arrays.toString(f.copyBytes()) + "|" + f.comment());
            }
        }
        return out;
    }

    @Test
    void theAnnotatedCopyHasEveryFrameAndEachFindingAsACommentOnTheFrameThatProvesIt() throws Exception {
        // the sample with a comment of its own on frame 623, which proves a lost reply: both are kept, its own first
        Path input = dir.resolve("commented.pcapng");
        try (CaptureReader in = Captures.open(sample("model-hold-failover.pcapng"));
             PcapngWriter w = new PcapngWriter(input, "test")) {
            w.addInterface(1, 262144, "tap");
            Frame f = new Frame();
            while (in.next(f)) {
                w.write(0, f.timeNanos(), f.buffer(), f.offset(), f.capturedLength(), f.originalLength(),
                        f.number() == 623 ? "seen by the on-call engineer" : null);
            }
        }
        Path annotated = dir.resolve("annotated.pcapng");
        CliRun r = CliRun.run("analyze", "-q", "-w", annotated.toString(), "-r", input.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("findings: 46"), "the report as without -w: " + r.out());

        Map<Long, String> expected = new java.util.TreeMap<>();
        for (JsonNode f : json("analyze", "-q", "--format", "json", "-r", input.toString()).get("findings")) {
            expected.merge(f.get("frame").asLong(), "hascope " + f.get("severity").asText() + " "
                    + f.get("type").asText() + ": " + f.get("reason").asText(), (a, b) -> a + "\n" + b);
        }
        expected.merge(623L, "seen by the on-call engineer", (found, own) -> own + "\n" + found);
        java.util.List<String> before = framesOf(input);
        java.util.List<String> after = framesOf(annotated);
        assertEquals(before.size(), after.size(), "every frame");
        Map<Long, String> comments = new java.util.TreeMap<>();
        for (int i = 0; i < after.size(); i++) {
            String[] was = before.get(i).split("\\|");
            String[] is = after.get(i).split("\\|", 5);
            assertEquals(was[0] + was[1] + was[2] + was[3], is[0] + is[1] + is[2] + is[3], "frame " + (i + 1));
            if (!is[4].equals("null")) {
                comments.put(Long.parseLong(is[0]), is[4]);
            }
        }
        assertEquals(expected, comments, "each finding on its frame, and nothing else");
        assertTrue(comments.get(623L).startsWith("seen by the on-call engineer\nhascope warn lost_reply: CREATE of"),
                comments.get(623L));
    }

    @Test
    void theAnnotatedCopyOfTwoTapFilesIsTheMergedCaptureTheAnalysisNumbered() throws Exception {
        Path tapA = dir.resolve("a.pcapng");
        Path tapB = dir.resolve("b.pcapng");
        splitByInterface(sample("model-state-reorder.pcapng"), tapA, tapB);
        Path annotated = dir.resolve("two.pcapng");
        CliRun r = CliRun.run("analyze", "-q", "-w", annotated.toString(), "--format", "csv", "-r", tapA.toString(),
                "-r", tapB.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        try (CaptureReader a = Captures.open(annotated.toString())) {
            Frame f = new Frame();
            while (a.next(f)) {
                continue; // interfaces are known as the blocks that declare them are read
            }
            assertEquals(java.util.List.of("tap-a", "tap-b"), a.interfaces().stream().map(i -> i.name()).toList());
        }
        java.util.List<String> copied = framesOf(annotated);
        assertEquals(framesOf(Path.of(sample("model-state-reorder.pcapng"))).size(), copied.size());
        String[] rows = r.lines();
        assertTrue(rows.length > 1, "findings to place");
        for (int i = 1; i < rows.length; i++) {
            String[] cells = rows[i].split(",");
            String frame = copied.get(Integer.parseInt(cells[2]) - 1);
            assertTrue(frame.contains("hascope " + cells[1] + " " + cells[0] + ": "), rows[i] + " on " + frame);
        }
    }

    @Test
    void theAnnotatedCopyAsOfAFrameEndsAtThatFrameWithTheFindingsKnownThen() throws Exception {
        Path annotated = dir.resolve("early.pcapng");
        String sample = sample("model-hold-failover.pcapng");
        CliRun r = CliRun.run("analyze", "-q", "-w", annotated.toString(), "--at", "630", "--format", "csv", "-r",
                sample);
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        java.util.List<String> copied = framesOf(annotated);
        assertEquals(630, copied.size());
        long lines = copied.stream().filter(f -> !f.endsWith("|null"))
                .mapToLong(f -> f.substring(f.lastIndexOf('|') + 1).split("\n").length).sum();
        assertEquals(r.lines().length - 1, lines, "a comment line per finding known by frame 630");
        assertTrue(lines < 46, "fewer than the whole capture's 46");
    }

    @Test
    void anAnnotatedCopyOfStandardInputIsTheCopyOfTheFileItCameFrom() throws Exception {
        Path sample = Path.of(sample("model-hold-loss1.pcapng"));
        Path fromFile = dir.resolve("file.pcapng");
        Path fromPipe = dir.resolve("pipe.pcapng");
        CliRun file = CliRun.run("analyze", "-q", "-w", fromFile.toString(), "--format", "csv", "-r",
                sample.toString());
        CliRun pipe = CliRun.runWithInput(Files.newInputStream(sample), "analyze", "-q", "-w", fromPipe.toString(),
                "--format", "csv", "-r", "-");
        assertEquals(ExitCode.OK, pipe.exitCode(), pipe.err());
        assertEquals(file.out(), pipe.out(), "the same findings");
        java.util.List<String> copied = framesOf(fromPipe);
        assertEquals(framesOf(fromFile), copied, "frame for frame, comment for comment");
        assertTrue(copied.stream().anyMatch(f -> f.contains("hascope warn lost_reply")), "the findings as comments");
    }

    @Test
    void anAnnotatedCopyThatCannotBeWrittenIsOneSentenceAndNoFileAtAll() throws Exception {
        String sample = sample("model-hold-clean.pcapng");
        Path copy = dir.resolve("same.pcapng");
        Files.copy(Path.of(sample), copy);
        CliRun itself = CliRun.run("analyze", "-q", "-w", copy.toString(), "-r", copy.toString());
        assertEquals(ExitCode.USAGE, itself.exitCode(), itself.err());
        assertTrue(itself.err().contains("-w " + copy + " would overwrite the capture it copies"), itself.err());
        assertEquals(Files.size(Path.of(sample)), Files.size(copy), "the capture untouched");
        Path nowhere = dir.resolve("no-such-dir").resolve("out.pcapng");
        CliRun unwritable = CliRun.run("analyze", "-q", "-w", nowhere.toString(), "-r", sample);
        assertEquals(ExitCode.OUTPUT, unwritable.exitCode(), unwritable.err());
        assertTrue(unwritable.err().startsWith("hascope: cannot write the output: "), unwritable.err());
        assertEquals("", unwritable.out(), "said before any analysis");
        Path cut = dir.resolve("cut.pcapng");
        byte[] whole = Files.readAllBytes(Path.of(sample));
        Files.write(cut, Arrays.copyOf(whole, whole.length - 37));
        Path ofCut = dir.resolve("of-cut.pcapng");
        CliRun cutShort = CliRun.run("analyze", "-q", "-w", ofCut.toString(), "-r", cut.toString());
        assertEquals(ExitCode.CORRUPT, cutShort.exitCode(), cutShort.err());
        assertEquals(framesOf(Path.of(sample)).size() - 1, framesOf(ofCut).size(),
                "the frames read before the cut, in a whole file");
        try (var listing = Files.list(dir)) {
            assertEquals(java.util.List.of(), listing.filter(p -> p.toString().endsWith(".partial")).toList());
        }
    }

    @Test
    void severalFilesAreOneCaptureInTimeOrder() throws Exception {
        String clean = sample("model-hold-clean.pcapng");
        Path early = dir.resolve("early.pcapng");
        Path late = dir.resolve("late.pcapng");
        split(clean, 300, early, late);
        JsonNode whole = json("analyze", "-q", "--format", "json", "-r", clean);
        JsonNode merged = json("analyze", "-q", "--format", "json", "-r", late.toString(), "-r", early.toString());
        assertEquals(whole.get("holds"), merged.get("holds"));
        assertEquals(whole.get("counts"), merged.get("counts"));
        assertEquals(whole.get("capture").get("frames"), merged.get("capture").get("frames"));
        assertFalse(merged.get("capture").get("file").asText().isEmpty());
    }

    @Test
    void theProgressLineShowsTheShareReadOrTheFramesAndStaysOffTheTerminalLessRun() {
        assertEquals("hascope: [###############               ]  50.0 %  65,536 frames  3 s   ",
                AnalyzeProgress.format(65_536, 500, 1000, 3.2));
        assertEquals("hascope: 65,536 frames analysed  3 s   ", AnalyzeProgress.format(65_536, -1, -1, 3.2));
        assertEquals(null, AnalyzeProgress.forTerminal(true, 1000), "-q");
        CliRun r = CliRun.run("analyze", "-r", sample("model-hold-clean.pcapng"));
        assertEquals("", r.err(), "standard error is not a terminal here: no progress");
    }

    @Test
    void twoFilesOneTapEachAreTheSameTwoTapCaptureAsOneFileWithTwoInterfaces() throws Exception {
        String twoTaps = sample("model-state-reorder.pcapng");
        Path tapA = dir.resolve("tap-a.pcapng");
        Path tapB = dir.resolve("tap-b.pcapng");
        splitByInterface(twoTaps, tapA, tapB);
        JsonNode whole = json("analyze", "-q", "--format", "json", "-r", twoTaps);
        JsonNode merged = json("analyze", "-q", "--format", "json", "-r", tapA.toString(), "-r", tapB.toString());
        assertEquals(whole.get("counts"), merged.get("counts"));
        assertEquals(whole.get("dpus"), merged.get("dpus"));
        assertTrue(CliRun.run("analyze", "-q", "-r", tapA.toString(), "-r", tapB.toString()).out()
                .contains("two taps: 836 frames"), "recognised as two taps");
    }

    @Test
    void tapsNamedByFileOrInterfaceJudgeAsRecognisedOnesAndSayWhichIsWhich() throws Exception {
        String twoTaps = sample("model-state-reorder.pcapng");
        Path tapA = dir.resolve("tap-a.pcapng");
        Path tapB = dir.resolve("tap-b.pcapng");
        Path thinned = dir.resolve("missed-by-a.pcapng");
        int missed = MissedByATap.write(twoTaps, thinned);
        splitByInterface(thinned.toString(), tapA, tapB);
        JsonNode whole = json("analyze", "-q", "--format", "json", "-r", twoTaps);
        JsonNode byName = json("analyze", "-q", "--format", "json", "-r", twoTaps, "--tap", "192.0.2.1=tap-dpu-a",
                "--tap", "192.0.2.2=tap-dpu-b");
        assertTrue(byName.get("capture").get("taps").get("named").asBoolean());
        ((com.fasterxml.jackson.databind.node.ObjectNode) byName.get("capture")).remove("taps");
        JsonNode wholeAsNamed = whole.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) wholeAsNamed.get("capture")).remove("taps");
        assertEquals(wholeAsNamed, byName, "taps that saw every frame: named or recognised, the same analysis");

        String[] byFile = {"analyze", "-q", "-r", tapA.toString(), "-r", tapB.toString(),
            "--tap", "192.0.2.1=" + tapA,
            "--tap", "192.0.2.2=" + tapB.getParent().resolve(".").resolve("tap-b.pcapng")}; // the same file
        CliRun named = CliRun.run(byFile);
        assertEquals(0, named.exitCode(), named.err());
        assertTrue(named.out().contains("two taps, named (192.0.2.1 at interface 0; 192.0.2.2 at interface 1)"),
                named.out());
        assertTrue(named.out().contains(String.format("%,d seen only arriving", missed)), missed + " " + named.out());
        assertTrue(named.out().contains("capture loss: frame "), "the tap's loss is said once");
        String[] asJson = java.util.Arrays.copyOf(byFile, byFile.length + 2);
        asJson[byFile.length] = "--format";
        asJson[byFile.length + 1] = "json";
        JsonNode namedJson = json(asJson);
        assertEquals(whole.get("counts"), namedJson.get("counts"),
                "what A's tap missed is still seen arriving at B's: the same findings as with every frame");
        assertEquals(missed, namedJson.get("capture").get("taps").get("seen_only_arriving").asInt());
        assertTrue(namedJson.get("capture").get("taps").get("named").asBoolean());
        assertTrue(namedJson.get("capture").get("capture_loss").asText().startsWith("frame "));
        assertEquals(2, whole.get("capture").get("taps").get("count").asInt(), "recognised: two taps too");
        assertFalse(whole.get("capture").get("taps").get("named").asBoolean());
        assertTrue(whole.get("capture").get("capture_loss").isNull());
    }

    @Test
    void aTapThatNamesNoInterfaceOrOnlyOneDpuIsRefusedWithOneSentence() {
        String twoTaps = sample("model-state-reorder.pcapng");
        CliRun unknown = CliRun.run("analyze", "-r", twoTaps, "--tap", "192.0.2.1=eth9", "--tap", "192.0.2.2=1");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("hascope: --tap: no -r file or capture interface is named 'eth9'"
                + " (interfaces: 0 tap-dpu-a, 1 tap-dpu-b)"), unknown.err());
        CliRun one = CliRun.run("analyze", "-r", twoTaps, "--tap", "192.0.2.1=0");
        assertEquals(2, one.exitCode());
        assertTrue(one.err().contains("give one for each DPU"), one.err());
        CliRun name = CliRun.run("analyze", "-r", twoTaps, "--tap", "dpu-a=0", "--tap", "192.0.2.2=1");
        assertEquals(2, name.exitCode());
        assertTrue(name.err().contains("not 'dpu-a=0'"), name.err());
        CliRun shared = CliRun.run("analyze", "-r", twoTaps, "--tap", "192.0.2.1=0", "--tap", "192.0.2.2=tap-dpu-a");
        assertEquals(2, shared.exitCode());
        assertTrue(shared.err().contains("interface 0 is given to both 192.0.2.1 and 192.0.2.2"), shared.err());
    }

    /** A two-tap capture as one file per tap: interface 0's frames, then interface 1's. */
    private static void splitByInterface(String capture, Path tapA, Path tapB) throws Exception {
        try (CaptureReader in = Captures.open(capture);
             PcapngWriter a = new PcapngWriter(tapA, "test");
             PcapngWriter b = new PcapngWriter(tapB, "test")) {
            Frame f = new Frame();
            a.addInterface(1, 262144, "tap-a");
            b.addInterface(1, 262144, "tap-b");
            while (in.next(f)) {
                (f.interfaceId() == 0 ? a : b).write(0, f.timeNanos(), f.buffer(), f.offset(), f.capturedLength(),
                        f.originalLength(), null);
            }
        }
    }

    /** Frames up to and including {@code last} go to the first file, the rest to the second. */
    private static void split(String capture, long last, Path first, Path second) throws Exception {
        try (CaptureReader in = Captures.open(capture);
             PcapngWriter a = new PcapngWriter(first, "test");
             PcapngWriter b = new PcapngWriter(second, "test")) {
            Frame f = new Frame();
            boolean declared = false;
            while (in.next(f)) {
                if (!declared) {
                    a.addInterface(f.linkType(), 262144, "tap");
                    b.addInterface(f.linkType(), 262144, "tap");
                    declared = true;
                }
                (f.number() <= last ? a : b).write(0, f.timeNanos(), f.buffer(), f.offset(), f.capturedLength(),
                        f.originalLength(), null);
            }
        }
    }

    @Test
    void dashResendsTellsTheAnalysisThatTheDashSendersResendOnTimeout() throws Exception {
        // a DASH sender that resends on timeout: without the option each resend is a new request (the earlier copy
        // expired), with it the resends keep their hold open until the ACK
        Path capture = dir.resolve("dash-resend.pcapng");
        CliRun sim = CliRun.run("simulate", "-q", "--mode", "hold", "--dialect", "dash", "--on-timeout", "resend",
                "--loss", "0.05", "--duration", "2s", "--cps", "60", "--seed", "3", "-w", capture.toString());
        assertEquals(0, sim.exitCode(), sim.err());
        JsonNode asNew = json("analyze", "-q", "--format", "json", "-r", capture.toString());
        JsonNode asResends = json("analyze", "-q", "--format", "json", "--dash-resends", "-r", capture.toString());
        assertEquals(0, asNew.get("counts").get("resend").asLong());
        assertTrue(asNew.get("counts").get("lost_reply").asLong() > 10, asNew.get("counts").toString());
        assertTrue(asResends.get("counts").get("resend").asLong() > 10, asResends.get("counts").toString());
        assertEquals(0, asResends.get("counts").get("lost_reply").asLong(), "every resend was answered in the end");
        assertTrue(asNew.get("holds").get("opened").asLong() > asResends.get("holds").get("opened").asLong(),
                "without the option a resend opens a hold of its own");
    }
}
