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

    public SyncMessage newMessage(int index) {
        message.reset(index);
        return message;
    }
}
