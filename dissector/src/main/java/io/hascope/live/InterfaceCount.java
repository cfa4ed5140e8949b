package io.hascope.live;

/** One interface of a capture on several (a tap at each DPU's port): its frames so far and libpcap's counters. */
public record InterfaceCount(String name, long frames, LiveCapture.Drops drops) {
}
