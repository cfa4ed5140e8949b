package io.hascope.gui;

import io.hascope.analysis.Connection;

/** One hold as the analysis settled it (see Analyzer.Holds); endNanos is when it stopped holding its packets. */
record HoldRecord(long frame, long timeNanos, String dpu, String peer, int packets, Connection connection,
                  long replyFrame, long replyNanos, int resends, String outcome, long endNanos) {
}
