package io.hascope.analysis;

import io.hascope.event.Dialect;
import io.hascope.event.SyncPacket;
import java.nio.ByteBuffer;

/**
 * The rules of analysis.md §2 by which a reply is matched to its request and a resend recognised as one: rule 1 by
 * the packet opaque, rule 2 by the content (with the message bodies, or without them for a truncated reply), rule 3
 * the same for DASH. Each key is a 64-bit hash of the packet's bytes in place, taken once per packet.
 */
final class MatchingKeys {
    private MatchingKeys() {
    }

    /** Rule 1 when the packet has an opaque, rule 2 otherwise (analysis.md §2). */
    static boolean sameRequest(PendingRequest a, PendingRequest b) {
        return b.hasOpaque ? a.hasOpaque && a.opaqueHash == b.opaqueHash : !a.hasOpaque && a.fullHash == b.fullHash;
    }

    /**
     * Whether a reply, whose opaque and content hash to these keys, is one to request r (analysis.md §2): by the
     * opaque when the reply has one, else by the content (without the bodies when it was truncated), which never
     * answers a request that had an opaque.
     */
    static boolean answers(boolean replyHasOpaque, boolean replyTruncated, long opaqueHash, long contentKey,
                           PendingRequest r) {
        return replyHasOpaque ? r.hasOpaque && r.opaqueHash == opaqueHash
                : !r.hasOpaque && (replyTruncated ? r.headerHash : r.fullHash) == contentKey;
    }

    /** Rule 1's key: the packet opaque's bytes (one constant for packets without one). */
    static long opaqueHash(SyncPacket p) {
        return hash(p.buffer, p.opaqueAt, p.opaqueLength, 0x9e3779b97f4a7c15L);
    }

    /** Rule 2's key of a reply: its content, with the bodies unless it was truncated. */
    static long contentHash(SyncPacket p) {
        return bodiesHash(p, !p.truncated);
    }

    /** A 64-bit hash of bytes in place, eight at a time (packets of 60 messages are hashed twice each). */
    private static long hash(ByteBuffer b, int at, int length, long seed) {
        long h = 0xcbf29ce484222325L ^ seed ^ length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = (h ^ mix(b.getLong(at + i))) * 0x9e3779b97f4a7c15L;
        }
        for (; i < length; i++) {
            h = (h ^ (b.get(at + i) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long v) {
        v = (v ^ (v >>> 33)) * 0xff51afd7ed558ccdL;
        return v ^ (v >>> 33);
    }

    /**
     * Rule 2 with the bodies present: every byte but the packet's flags, up to the end of its last message, in one
     * run (the header hash, which skips bodies, has to go message by message).
     */
    private static long wholeHash(SyncPacket p, int messagesEnd) {
        int at = p.packetAt;
        long h = hash(p.buffer, at, 1, 17);
        return hash(p.buffer, at + 2, Math.max(0, messagesEnd - at - 2), h);
    }

    /** Where a HASYNC packet's last message ends (its header's count, as far as the packet holds them). */
    private static int messagesEnd(SyncPacket p) {
        ByteBuffer b = p.buffer;
        int end = p.packetAt + p.packetLength;
        int pos = p.packetAt + 8 + p.opaqueLength;
        for (int i = 0; i < p.messageCount && pos + 4 <= end; i++) {
            int headerAndOpaque = Math.min(4 + (b.get(pos + 1) & 0xff), end - pos);
            pos += headerAndOpaque + Math.min(b.getShort(pos + 2) & 0xffff, end - pos - headerAndOpaque);
        }
        return Math.min(pos, end);
    }

    /**
     * Both rule-2 keys of a request in one walk over it: with the message bodies and without (bodiesHash). A request
     * with a packet opaque is matched, and recognised when sent again, by rule 1 alone (a reply or resend without
     * an opaque differs from it in the header's opaque length), so it needs neither: most of a run's bytes are left
     * unhashed.
     */
    static void requestHashes(SyncPacket p, PendingRequest r) {
        if (r.hasOpaque) {
            return;
        }
        if (p.dialect == Dialect.DASH || p.truncated) {
            r.fullHash = bodiesHash(p, true);
            r.headerHash = bodiesHash(p, false);
            return;
        }
        ByteBuffer b = p.buffer;
        int at = p.packetAt;
        long h = hash(b, at, 1, 17);
        h = hash(b, at + 2, Math.min(6, p.packetLength - 2), h);
        int pos = at + 8 + p.opaqueLength;
        h = hash(b, at + 8, Math.min(p.opaqueLength, p.packetLength - 8), h);
        long header = h;
        int end = at + p.packetLength;
        for (int i = 0; i < p.messageCount && pos + 4 <= end; i++) {
            int opaqueLength = b.get(pos + 1) & 0xff;
            int bodyLength = b.getShort(pos + 2) & 0xffff;
            int headerAndOpaque = Math.min(4 + opaqueLength, end - pos);
            header = hash(b, pos, headerAndOpaque, header);
            pos += headerAndOpaque + Math.min(bodyLength, end - pos - headerAndOpaque);
        }
        r.fullHash = wholeHash(p, Math.min(pos, end));
        r.headerHash = header;
    }

    /**
     * Rule 2 of analysis.md §2 (rule 3 for DASH): the packet without its flags — header, opaque, each message
     * header and opaque, and the bodies when withBodies. Computed over the bytes in place.
     */
    private static long bodiesHash(SyncPacket p, boolean withBodies) {
        ByteBuffer b = p.buffer;
        if (p.dialect == Dialect.DASH) {
            // subtype, flow key and everything after it (flow data, trailers, the carried frame); not source or type
            int at = p.packetAt;
            long h = (b.get(at + 1) & 0x0f);
            return hash(b, at + 4, Math.max(0, p.packetLength - 4), h);
        }
        if (withBodies && !p.truncated) {
            return wholeHash(p, messagesEnd(p));
        }
        int at = p.packetAt;
        long h = hash(b, at, 1, 17);
        h = hash(b, at + 2, Math.min(6, p.packetLength - 2), h);
        int pos = at + 8 + p.opaqueLength;
        h = hash(b, at + 8, Math.min(p.opaqueLength, p.packetLength - 8), h);
        int end = at + p.packetLength;
        boolean bodiesPresent = !p.truncated;
        for (int i = 0; i < p.messageCount && pos + 4 <= end; i++) {
            int opaqueLength = b.get(pos + 1) & 0xff;
            int bodyLength = b.getShort(pos + 2) & 0xffff;
            int headerAndOpaque = Math.min(4 + opaqueLength, end - pos);
            h = hash(b, pos, headerAndOpaque, h);
            pos += headerAndOpaque;
            if (bodiesPresent) {
                int body = Math.min(bodyLength, end - pos);
                if (withBodies) {
                    h = hash(b, pos, body, h);
                }
                pos += body;
            }
        }
        return h;
    }
}
