package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FieldsCommandTest {
    @Test
    void listsEveryFieldWithTypeLabelAndDescriptionLikeTsharkDashG() {
        CliRun r = CliRun.run("fields");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("hasync.state.op\tenum\tOp\tWhat happened to the connection [1 CREATE, 2 UPDATE,"
                + " 3 DELETE, 4 REFRESH]\n"), r.out());
        assertTrue(r.out().contains("ip.addr\talias\t(filters only)\tMatches ip.src or ip.dst\n"));
        assertTrue(Arrays.stream(r.lines()).allMatch(l -> l.split("\t").length == 4), "four tab-separated columns");
    }

    @Test
    void aPrefixNarrowsTheList() {
        CliRun r = CliRun.run("fields", "hasync.snap");
        assertEquals("hasync.snap\thasync.snap.phase\thasync.snap.reserved\thasync.snap.round\thasync.snap.count",
                String.join("\t", Arrays.stream(r.lines()).map(l -> l.substring(0, l.indexOf('\t'))).toList()));
    }
}
