package io.hascope.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;

/**
 * One interface captured through libpcap (pcap4j). The capture loop runs on the caller's thread in non-blocking
 * mode, because a blocking read on a live handle never returns while the line is quiet (shared/notes/stack.md);
 * it hands every frame to a {@link Handler} and reads libpcap's drop counters a few times a second.
 */
public final class LiveCapture implements FrameSource {
    /** What to open: snapLength and bufferBytes as in tcpdump's -s and -B. */
    public record Options(String interfaceName, int snapLength, int bufferBytes, String filter, boolean promiscuous) {
    }

    /** A capture interface as libpcap lists it (hascope live -D). */
    public record Interface(String name, String description, List<String> addresses, boolean loopback, boolean up) {
    }

    /**
     * Receives each captured frame on the capture thread, with the number of the source's interface it was seen on;
     * the array is the handler's to keep.
     */
    public interface Handler {
        void frame(int interfaceId, byte[] bytes, long timeNanos, int originalLength);
    }

    /** libpcap's counters: frames the kernel received, dropped for want of buffer, dropped by the interface. */
    public record Drops(long received, long droppedByKernel, long droppedByInterface) {
    }

    /** The default capture filter: the HA ports and the DASH EtherType, with or without one VLAN tag. */
    public static String defaultFilter(List<Integer> hasyncPorts, List<Integer> dpPorts) {
        List<String> terms = new ArrayList<>();
        for (int p : hasyncPorts) {
            terms.add("udp port " + p);
        }
        for (int p : dpPorts) {
            terms.add("udp port " + p);
        }
        terms.add("ether proto 0x876d");
        String any = "(" + String.join(" or ", terms) + ")";
        return any + " or (vlan and " + any + ")";
    }

    private static final long STATS_EVERY = TimeUnit.MILLISECONDS.toNanos(250);
    /**
     * What a callback threw during this thread's capture. JNA catches it, prints it and goes on capturing: with the
     * heap full (pcap4j copies each frame into a new array before the listener runs) the printing fails too, and the
     * capture went on dropping every frame. Each loop sets its holder before its first dispatch, so that recording
     * a failure allocates nothing.
     */
    private static final ThreadLocal<Throwable[]> CALLBACK_FAILURE = new ThreadLocal<>();

    static {
        com.sun.jna.Native.setCallbackExceptionHandler((callback, e) -> {
            Throwable[] holder = CALLBACK_FAILURE.get();
            if (holder == null) {
                System.err.println("JNA: callback " + callback + " threw " + e); // not a capture's: as JNA does
                e.printStackTrace();
            } else if (holder[0] == null) {
                holder[0] = e;
            }
        });
    }
    private final PcapHandle handle;
    private final String name;
    private final int linkType;
    private final int snapLength;
    private volatile boolean stopping;
    /** Stopping without taking what the kernel still holds ({@link #stopNow}). */
    private volatile boolean stoppingNow;
    private volatile Drops drops = new Drops(0, 0, 0);

    private LiveCapture(PcapHandle handle, String name, int snapLength) {
        this.handle = handle;
        this.name = name;
        this.linkType = handle.getDlt().value();
        this.snapLength = snapLength;
    }

    /** The interfaces libpcap can open, in its order. */
    public static List<Interface> interfaces() throws LiveCaptureException {
        List<PcapNetworkInterface> all;
        try {
            all = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw new LiveCaptureException("cannot list the capture interfaces: " + e.getMessage(), false);
        } catch (LinkageError e) {
            throw noLibpcap(e);
        }
        List<Interface> out = new ArrayList<>();
        for (PcapNetworkInterface i : all) {
            List<String> addresses = new ArrayList<>();
            for (PcapAddress a : i.getAddresses()) {
                if (a.getAddress() != null) {
                    addresses.add(io.hascope.text.AddressText.of(a.getAddress().getAddress())); // RFC 5952, as ip(8)
                }
            }
            out.add(new Interface(i.getName(), i.getDescription(), addresses, i.isLoopBack(), i.isUp()));
        }
        return out;
    }

    /** Opens the interface, with nanosecond timestamps where the system has them, and applies the filter. */
    public static LiveCapture open(Options o) throws LiveCaptureException {
        PcapHandle handle;
        try {
            PcapHandle.Builder b = new PcapHandle.Builder(o.interfaceName())
                    .snaplen(o.snapLength())
                    .bufferSize(o.bufferBytes())
                    .promiscuousMode(o.promiscuous() ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(50)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO);
            handle = b.build();
        } catch (PcapNativeException e) {
            throw openFailure(o.interfaceName(), e.getMessage());
        } catch (LinkageError e) {
            throw noLibpcap(e);
        }
        try {
            if (o.filter() != null && !o.filter().isBlank()) {
                handle.setFilter(o.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
            }
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            return new LiveCapture(handle, o.interfaceName(), o.snapLength());
        } catch (PcapNativeException e) {
            handle.close();
            if (o.filter() != null && e.getMessage() != null && !e.getMessage().contains("nonblock")) {
                throw new LiveCaptureException("capture filter '" + o.filter() + "' is not valid BPF: "
                        + e.getMessage().replaceFirst("^.*?: ", ""), true);
            }
            throw new LiveCaptureException("cannot set up the capture on " + o.interfaceName() + ": " + e.getMessage(),
                    false);
        } catch (NotOpenException e) {
            throw new IllegalStateException(e); // just opened
        }
    }

    static LiveCaptureException openFailure(String interfaceName, String message) {
        String m = message == null ? "" : message;
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("not permitted") || lower.contains("permission") || lower.contains("eperm")) {
            return new LiveCaptureException("capturing on " + interfaceName + " needs root or the CAP_NET_RAW"
                    + " capability (CAP_NET_ADMIN too for promiscuous mode): run as root, or grant them with"
                    + " 'setcap cap_net_raw,cap_net_admin+eip' on the java binary", false);
        }
        if (lower.contains("no such device") || lower.contains("doesn't exist") || lower.contains("no such")) {
            return new LiveCaptureException("there is no capture interface named '" + interfaceName
                    + "' ('hascope live -D' lists them)", true);
        }
        return new LiveCaptureException("cannot capture on " + interfaceName + ": " + m, false);
    }

    static LiveCaptureException noLibpcap(Throwable e) {
        String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceFirst(":\\s*$", "");
        return new LiveCaptureException("live capture needs libpcap, which could not be loaded (" + why
                + "): install the Debian package libpcap0.8 (apt-get install libpcap0.8)", false);
    }

    @Override
    public String name() {
        return name;
    }

    /** The interface's link type (a LINKTYPE_ value, as written to pcapng). */
    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int snapLength() {
        return snapLength;
    }

    /**
     * Captures until {@link #stop()} (from any thread) or an error of the interface, which is thrown as one
     * sentence (an interface that went away, say). Frames already handed over stay handed over.
     */
    @Override
    public void run(Handler handler) throws LiveCaptureException {
        org.pcap4j.core.RawPacketListener listener = bytes -> {
            java.sql.Timestamp ts = handle.getTimestamp();
            long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
            Integer original = handle.getOriginalLength();
            handler.frame(0, bytes, nanos, original == null ? bytes.length : original);
        };
        long nextStats = System.nanoTime();
        int quiet = 0;
        Throwable[] failed = new Throwable[1];
        CALLBACK_FAILURE.set(failed);
        try {
            while (!stopping && failed[0] == null) {
                int n = handle.dispatch(-1, listener);
                if (System.nanoTime() >= nextStats) {
                    readDrops();
                    nextStats = System.nanoTime() + STATS_EVERY;
                }
                if (n > 0) {
                    quiet = 0;
                } else {
                    // nothing waiting: back off towards 10 ms (each call through JNA costs tens of µs, and the
                    // kernel's ring, -B, holds far more than 10 ms of traffic)
                    LockSupport.parkNanos(Math.min(10_000_000L, 250_000L << Math.min(6, quiet++ / 4)));
                }
            }
            // what is already in the kernel's ring when stop is asked still belongs to the capture
            while (failed[0] == null && !stoppingNow && handle.dispatch(-1, listener) > 0) {
                // drain
            }
            readDrops();
        } catch (PcapNativeException e) {
            readDropsQuietly();
            throw new LiveCaptureException("capture on " + name + " ended: "
                    + String.valueOf(e.getMessage()).replaceFirst("^Error occurred: ", ""), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NotOpenException e) {
            // closed under us: that is a stop
        } finally {
            CALLBACK_FAILURE.remove();
        }
        if (failed[0] instanceof OutOfMemoryError e) {
            throw e; // the session ends the capture, its file whole
        } else if (failed[0] != null) {
            throw new LiveCaptureException("capture on " + name + " failed: " + failed[0], false);
        }
    }

    private void readDrops() throws PcapNativeException, NotOpenException {
        PcapStat s = handle.getStats();
        drops = new Drops(s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf());
    }

    private void readDropsQuietly() {
        try {
            readDrops();
        } catch (PcapNativeException | NotOpenException e) {
            // the interface is gone; the last counters stand
        }
    }

    /** Asks the capture loop to end after what the kernel already holds. */
    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public void stopNow() {
        stoppingNow = true;
        stopping = true;
    }

    /** The newest of libpcap's counters (read by the capture thread four times a second). */
    @Override
    public Drops drops() {
        return drops;
    }

    @Override
    public void close() {
        handle.close();
    }
}
