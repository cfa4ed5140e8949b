package io.hascope.model;

/** How a DPU's datagrams reach its peer: straight over the channel, or through the reliable transport. */
interface Link {
    /** Told when a datagram first goes on the wire: its frame number, and how many copies the channel delivers. */
    interface Sent {
        void sent(long frame, int arrivals);
    }

    /**
     * Sends payload (a hasync packet or DASH header) from the link's DPU; deliver runs on the peer when the
     * application gets it; sent is told of the first transmission (at once, or later when a window opens).
     */
    void send(int sourcePort, int destinationPort, byte[] payload, Runnable deliver, Sent sent);
}
