package io.hascope.model;

import java.util.ArrayList;
import java.util.List;

/** One request packet as sent, its resends, and what became of it. */
final class Request {
    final long id;
    final Dpu from;
    final boolean replyRequested;
    final boolean truncateOk;
    final List<Msg> messages;
    final byte[] bytes;
    /** DASH: the FLOW_SYNC_ACK (or DP_PROBE_ACK) the receiver echoes; null for hasync, whose reply is derived. */
    byte[] dashReply;
    int sourcePort = Tap.HASYNC_PORT;
    int destinationPort = Tap.HASYNC_PORT;
    final List<Long> frames = new ArrayList<>();
    final List<Integer> deliveries = new ArrayList<>();
    final List<Long> replyFrames = new ArrayList<>();
    final List<Boolean> replyDelivered = new ArrayList<>();
    long firstSent;
    /** Sends so far (the first and each resend); frames holds those that have reached the wire. */
    int sendCount;
    long lastSent;
    int resends;
    /** The first reply reached the sender at this time (-1: not yet). */
    long answeredAt = -1;
    /**
     * The frame of that first reply (-1: none yet): of two replies the network reorders, the later sent can arrive
     * first, and it is then the one that answered, the other the duplicate.
     */
    long answeredBy = -1;
    /** The sender gave up waiting (the held packets were dropped). */
    boolean givenUp;

    Request(long id, Dpu from, boolean replyRequested, boolean truncateOk, List<Msg> messages, byte[] bytes) {
        this.id = id;
        this.from = from;
        this.replyRequested = replyRequested;
        this.truncateOk = truncateOk;
        this.messages = messages;
        this.bytes = bytes;
    }

    /** Messages that hold a customer packet until the reply (approach 1 and 3). */
    boolean holds() {
        return replyRequested && messages.stream().anyMatch(m -> m.flow != null);
    }
}
