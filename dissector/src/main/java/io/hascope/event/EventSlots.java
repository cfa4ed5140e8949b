package io.hascope.event;

/** The dissector's reusable event objects, reset in place (package access keeps reset() internal). */
public final class EventSlots {
    public final SyncPacket packet = new SyncPacket();
    public final SyncMessage message = new SyncMessage();
    public final TransportEvent transport = new TransportEvent();

    public SyncPacket newPacket() {
        packet.reset();
        return packet;
    }

    /** A message with its header reset; the decoder sets every field of the groups its type carries. */
    public SyncMessage newMessage(int index) {
        message.reset(index);
        return message;
    }

    /** A message with every field reset, for decoders that fill it piece by piece. */
    public SyncMessage newClearedMessage(int index) {
        message.clear(index);
        return message;
    }
}
