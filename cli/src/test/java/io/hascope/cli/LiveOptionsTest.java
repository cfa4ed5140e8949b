package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** hascope live's options are judged before anything is opened: one sentence, exit 2. */
class LiveOptionsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "live -w /tmp/x.pcapng | say which interface to capture on with -i (-D lists them)",
        "live -i lo -w /nonexistent/folder/x.pcapng | -w: cannot write into /nonexistent/folder",
        "live -i lo -b files:3 -w /tmp/x.pcapng | -b files:N needs -b filesize:MB or -b duration:S",
        "live -i lo -b filesize:10 | -b needs a file to write: add -w FILE",
        "live -i lo -b size:10 -w /tmp/x.pcapng | -b takes filesize:N, duration:N, files:N, not 'size:10'",
        "live -i lo -a packets:0 | -a packets takes a whole number from 1 to 1000000000, not '0'",
        "live -i lo -s 10 | -s takes a snap length from 64 to 262144, not 10",
        "live -i lo --fail-on sometimes | --fail-on is error, warn or never, not 'sometimes'",
        "live -i lo --reply-timeout 0s | --reply-timeout"})
    void aBadOptionIsOneSentenceAndExit2(String command, String says) {
        CliRun r = CliRun.run(command.trim().split(" "));
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("hascope: ") && r.err().contains(says.trim()), r.err());
    }

    /** A session may run for days: it keeps the first million findings for its report (some 500 MB), unless told. */
    @org.junit.jupiter.api.Test
    void aLiveSessionKeepsAMillionFindingsUnlessToldOtherwise() {
        LiveCommand byDefault = new LiveCommand();
        new picocli.CommandLine(byDefault).parseArgs("-i", "lo");
        byDefault.prepareAnalysis();
        assertEquals(1_000_000L, byDefault.analysis.keepFindings);
        LiveCommand told = new LiveCommand();
        new picocli.CommandLine(told).parseArgs("-i", "lo", "--keep-findings", "12");
        told.prepareAnalysis();
        assertEquals(12L, told.analysis.keepFindings);
        AnalyzeCommand analyze = new AnalyzeCommand();
        new picocli.CommandLine(analyze).parseArgs("-r", "x.pcapng");
        assertEquals(null, analyze.analysis.keepFindings, "analyze keeps every finding");
    }
}
