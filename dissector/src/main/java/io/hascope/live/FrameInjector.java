package io.hascope.live;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;

/** Sends whole frames out of an interface through libpcap (replay -i --emit). */
public final class FrameInjector implements AutoCloseable {
    private final PcapHandle handle;
    private final String name;
    private long sent;

    private FrameInjector(PcapHandle handle, String name) {
        this.handle = handle;
        this.name = name;
    }

    public static FrameInjector open(String interfaceName) throws LiveCaptureException {
        try {
            PcapHandle h = new PcapHandle.Builder(interfaceName).snaplen(65535).timeoutMillis(10).build();
            return new FrameInjector(h, interfaceName);
        } catch (PcapNativeException e) {
            throw LiveCapture.openFailure(interfaceName, e.getMessage());
        } catch (LinkageError e) {
            throw LiveCapture.noLibpcap(e);
        }
    }

    public void send(byte[] frame) throws LiveCaptureException {
        try {
            handle.sendPacket(frame, frame.length);
            sent++;
        } catch (PcapNativeException | NotOpenException e) {
            throw new LiveCaptureException("sending on " + name + " failed: " + e.getMessage(), false);
        }
    }

    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        handle.close();
    }
}
