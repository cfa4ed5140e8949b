package io.hascope.encode;

/** The values of one PACKET_UPDATE body (spec §3.3); frame is the customer frame as carried. */
public record PacketUpdate(int direction, boolean cut, int frameType, int originalLength, long eni, int vnet,
                           long version, byte[] frame) {
}
