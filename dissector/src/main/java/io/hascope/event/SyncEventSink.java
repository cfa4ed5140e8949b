package io.hascope.event;

/**
 * Receives the normalized events of the sync traffic, in capture order (Zeek's analyzer → event split): the
 * analysis implements this and never sees which dialect or which bytes produced an event.
 */
public interface SyncEventSink {
    SyncEventSink NONE = new SyncEventSink() {
    };

    /** Any frame, sync or not: lets a consumer keep its clock and counts. */
    default void onFrame(long frameNumber, long timeNanos, int wireLength) {
    }

    default void onTransport(TransportEvent transport) {
    }

    /** The packet header is known; its messages follow, then {@link #onPacketEnd}. */
    default void onPacketStart(SyncPacket packet) {
    }

    default void onMessage(SyncPacket packet, SyncMessage message) {
    }

    default void onPacketEnd(SyncPacket packet) {
    }
}
