package io.hascope.analysis;

import io.hascope.capture.Frame;
import io.hascope.capture.LinkType;
import io.hascope.text.AddressText;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Taps named by hand (analysis.md §0, {@code --tap ADDR=IFACE|FILE}): which capture interface is which DPU's port.
 * A frame on a DPU's tap is leaving when the DPU sent it and arriving when the DPU is its destination, whatever the
 * other tap saw. So an arrival whose departure the sender's tap missed is still an arrival (recognised taps would
 * take it for a departure that never arrives, and call it lost), and the capture is judged with two taps from its
 * first frame on.
 */
public final class NamedTaps {
    /** Where a frame was seen, by the tap's DPU. */
    static final int UNNAMED = 0;
    static final int LEAVING = 1;
    static final int ARRIVING = 2;

    /** One tap: the DPU whose port it is, and the capture interfaces (numbered as the reader numbers them) it was. */
    public record Tap(byte[] dpu, int[] interfaces) {
    }

    private final List<Tap> taps;
    private final byte[][] dpuOnInterface;

    private NamedTaps(List<Tap> taps, byte[][] dpuOnInterface) {
        this.taps = taps;
        this.dpuOnInterface = dpuOnInterface;
    }

    /**
     * The taps, each DPU once and each interface given to one DPU only; throws IllegalArgumentException saying which
     * rule a tap breaks.
     */
    public static NamedTaps of(List<Tap> taps) {
        int highest = -1;
        for (Tap t : taps) {
            for (int i : t.interfaces()) {
                if (i < 0) {
                    throw new IllegalArgumentException("interface numbers start at 0, not " + i);
                }
                highest = Math.max(highest, i);
            }
        }
        byte[][] dpuOn = new byte[highest + 1][];
        List<byte[]> dpus = new ArrayList<>();
        for (Tap t : taps) {
            for (byte[] d : dpus) {
                if (Arrays.equals(d, t.dpu())) {
                    throw new IllegalArgumentException(AddressText.of(d) + " is given two taps");
                }
            }
            dpus.add(t.dpu());
            for (int i : t.interfaces()) {
                if (dpuOn[i] != null) {
                    throw new IllegalArgumentException("interface " + i + " is given to both "
                            + AddressText.of(dpuOn[i]) + " and " + AddressText.of(t.dpu()));
                }
                dpuOn[i] = t.dpu();
            }
        }
        return new NamedTaps(List.copyOf(taps), dpuOn);
    }

    /**
     * Taps as {@code --tap} gives them, {@code ADDR=IFACE|FILE}: a DPU's address, then one of the files read (all its
     * interfaces are that DPU's tap), an interface's number, or an interface's name as the capture gives it. Throws
     * IllegalArgumentException with one sentence on the first that cannot be taken.
     */
    public static NamedTaps parse(List<String> specs, List<String> files, io.hascope.capture.MergingReader reader) {
        return parse(specs, "ADDR=IFACE|FILE (a DPU's IP address, then its tap's interface name or number, or the -r"
                + " file it wrote)", name -> interfacesNamed(name, files, reader, reader.interfaces()));
    }

    /**
     * The same taps over files that each hold the interfaces these taps were named on, in the same order (the ring
     * files of a live capture, read as one by reader): interface k of every file is interface k's tap.
     */
    public NamedTaps acrossFiles(io.hascope.capture.MergingReader reader, int fileCount) {
        List<Tap> across = new ArrayList<>();
        for (Tap t : taps) {
            List<Integer> ids = new ArrayList<>();
            for (int file = 0; file < fileCount; file++) {
                int[] ofFile = reader.interfacesOf(file);
                for (int k : t.interfaces()) {
                    if (k < ofFile.length) {
                        ids.add(ofFile[k]);
                    }
                }
            }
            across.add(new Tap(t.dpu(), ids.stream().mapToInt(Integer::intValue).toArray()));
        }
        return of(across);
    }

    /**
     * Taps of a live capture ({@code live -i A -i B --tap ADDR=IFACE}): IFACE is one of the interfaces captured, by
     * name or by number in the order given.
     */
    public static NamedTaps parseLive(List<String> specs, List<String> interfaceNames) {
        List<io.hascope.capture.InterfaceInfo> interfaces = new ArrayList<>();
        for (int i = 0; i < interfaceNames.size(); i++) {
            interfaces.add(new io.hascope.capture.InterfaceInfo(i, LinkType.ETHERNET, 0, interfaceNames.get(i), null,
                    1_000_000_000L, 0));
        }
        return parse(specs, "ADDR=IFACE (a DPU's IP address, then the interface its tap is on, by name or by number"
                + " in -i order)", name -> interfacesNamed(name, List.of(), null, interfaces));
    }

    /** forms: what a tap may be, for the sentence that refuses one that is none of them. */
    private static NamedTaps parse(List<String> specs, String forms,
                                   java.util.function.Function<String, int[]> interfacesNamed) {
        List<Tap> taps = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            byte[] dpu = eq > 0 ? AddressText.parseIp(spec.substring(0, eq)) : null;
            if (dpu == null || eq == spec.length() - 1) {
                throw new IllegalArgumentException("--tap takes " + forms + ", not '" + spec + "'");
            }
            taps.add(new Tap(dpu, interfacesNamed.apply(spec.substring(eq + 1))));
        }
        if (taps.size() < 2) {
            throw new IllegalArgumentException("--tap names a tap at each DPU's port: give one for each DPU, two at"
                    + " least");
        }
        try {
            return of(taps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tap: " + e.getMessage(), e);
        }
    }

    private static int[] interfacesNamed(String name, List<String> files, io.hascope.capture.MergingReader reader,
                                         List<io.hascope.capture.InterfaceInfo> all) {
        for (int file = 0; file < files.size(); file++) {
            if (sameFile(name, files.get(file))) {
                return reader.interfacesOf(file);
            }
        }
        if (name.matches("\\d{1,9}")) {
            int id = Integer.parseInt(name);
            if (id < all.size()) {
                return new int[] {id};
            }
        }
        List<Integer> named = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (name.equals(all.get(i).name())) {
                named.add(i);
            }
        }
        if (named.size() == 1) {
            return new int[] {named.get(0)};
        }
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            listed.add(i + (all.get(i).name() != null ? " " + all.get(i).name() : ""));
        }
        throw new IllegalArgumentException(named.isEmpty()
                ? "--tap: no " + (reader != null ? "-r file or " : "") + "capture interface is named '" + name
                        + "' (interfaces: "
                        + String.join(", ", listed) + ")"
                : "--tap: interfaces " + named + " are all named '" + name + "'; give the interface's number or"
                        + " the file");
    }

    /** The same -r file, however its path is written (./a.pcapng and a.pcapng); standard input only as "-". */
    private static boolean sameFile(String name, String file) {
        if (name.equals(file)) {
            return true;
        }
        if (name.equals("-") || file.equals("-")) {
            return false;
        }
        try {
            java.nio.file.Path a = java.nio.file.Path.of(name);
            java.nio.file.Path b = java.nio.file.Path.of(file);
            return java.nio.file.Files.exists(a) && java.nio.file.Files.isSameFile(a, b);
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * LEAVING for a frame its tap's DPU sent, ARRIVING for one addressed to it, UNNAMED on an interface no tap names
     * or for a packet neither from nor to that DPU (another pair's traffic): such frames are judged as recognised taps
     * judge them.
     */
    int direction(Frame frame) {
        int id = frame.interfaceId();
        byte[] dpu = id >= 0 && id < dpuOnInterface.length ? dpuOnInterface[id] : null;
        if (dpu == null) {
            return UNNAMED;
        }
        ByteBuffer b = frame.buffer();
        int ip = ipStart(frame);
        int end = frame.offset() + frame.capturedLength();
        if (ip < 0 || ip >= end) {
            return UNNAMED;
        }
        int version = (b.get(ip) & 0xff) >>> 4;
        int source;
        int destination;
        if (version == 4 && dpu.length == 4) {
            source = ip + 12;
            destination = ip + 16;
        } else if (version == 6 && dpu.length == 16) {
            source = ip + 8;
            destination = ip + 24;
        } else {
            return UNNAMED;
        }
        if (destination + dpu.length > end) {
            return UNNAMED;
        }
        if (same(b, source, dpu)) {
            return LEAVING;
        }
        return same(b, destination, dpu) ? ARRIVING : UNNAMED;
    }

    private static boolean same(ByteBuffer b, int at, byte[] address) {
        for (int i = 0; i < address.length; i++) {
            if (b.get(at + i) != address[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the IP header starts: after an Ethernet header and its VLAN tags, at the start for raw IP links, -1 for
     * other links.
     */
    static int ipStart(Frame frame) {
        ByteBuffer b = frame.buffer();
        int at = frame.offset();
        int end = at + frame.capturedLength();
        switch (frame.linkType()) {
            case LinkType.ETHERNET -> {
                if (end - at < 14) {
                    return -1;
                }
                int type = b.getShort(at + 12) & 0xffff;
                at += 14;
                while ((type == 0x8100 || type == 0x88a8) && end - at >= 4) {
                    type = b.getShort(at + 2) & 0xffff;
                    at += 4;
                }
                return type == 0x0800 || type == 0x86dd ? at : -1;
            }
            case LinkType.RAW, LinkType.IPV4, LinkType.IPV6 -> {
                return at;
            }
            default -> {
                return -1;
            }
        }
    }

    /** The taps as the report's header names them: "192.0.2.1 at interface 0, 192.0.2.2 at interface 1". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Tap t : taps) {
            String ifaces = Arrays.stream(t.interfaces()).mapToObj(Integer::toString)
                    .reduce((x, y) -> x + ", " + y).orElse("none");
            parts.add(AddressText.of(t.dpu()) + " at interface" + (t.interfaces().length > 1 ? "s " : " ") + ifaces);
        }
        return String.join("; ", parts);
    }
}
