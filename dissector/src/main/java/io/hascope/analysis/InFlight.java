package io.hascope.analysis;

/**
 * A request still waiting for its reply at the point the analysis stands (analysis.md §3): the packets it holds at
 * its sender, since when, and the first connection it speaks of.
 */
public record InFlight(long frame, long timeNanos, String dpu, String peer, int heldPackets, int messages,
                       int resends, Connection connection) {
}
