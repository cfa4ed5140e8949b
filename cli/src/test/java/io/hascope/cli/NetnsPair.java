package io.hascope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two network namespaces joined by a veth pair, for tests that capture real frames: "a" sends (tcpreplay, a
 * client), "b" captures. Nothing has a route out; the only addresses are link-local (169.254.x.y).
 */
final class NetnsPair implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    final String nsA;
    final String nsB;
    final String ifA;
    final String ifB;
    final String addressA;
    final String addressB;
    /** The ends of a second link between the same namespaces (a tap at each DPU's port), once made. */
    final String ifA2;
    final String ifB2;

    private NetnsPair(String tag) {
        this.nsA = "hs" + tag + "a";
        this.nsB = "hs" + tag + "b";
        this.ifA = "hs" + tag + "a0";
        this.ifB = "hs" + tag + "b0";
        this.ifA2 = "hs" + tag + "a1";
        this.ifB2 = "hs" + tag + "b1";
        int n = Integer.parseInt(tag.replaceAll("\\D", "")) % 250 + 1;
        this.addressA = "169.254." + n + ".1";
        this.addressB = "169.254." + n + ".2";
    }

    /** Why these tests cannot run here, or null when they can. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root (network namespaces, raw capture)";
        }
        for (String tool : new String[] {"ip", "tcpreplay"}) {
            if (!onPath(tool)) {
                return tool + " is not installed (.ci/run installs iproute2 and tcpreplay)";
            }
        }
        try {
            io.hascope.live.LiveCapture.interfaces();
        } catch (io.hascope.live.LiveCaptureException e) {
            return e.getMessage();
        }
        try (NetnsPair probe = create()) {
            return null;
        } catch (IOException e) {
            return "network namespaces are not permitted here: " + e.getMessage();
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static NetnsPair create() throws IOException {
        NetnsPair p = new NetnsPair(ProcessHandle.current().pid() % 10000 + "x" + SEQUENCE.incrementAndGet());
        try {
            sh("ip", "netns", "add", p.nsA);
            sh("ip", "netns", "add", p.nsB);
            sh("ip", "link", "add", p.ifA, "netns", p.nsA, "type", "veth", "peer", "name", p.ifB, "netns", p.nsB);
            for (String[] side : new String[][] {{p.nsA, p.ifA, p.addressA}, {p.nsB, p.ifB, p.addressB}}) {
                // no IPv6 on the link: its autoconfiguration chatter would be captured with -f ''
                sh("ip", "netns", "exec", side[0], "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
                sh("ip", "-n", side[0], "link", "set", "lo", "up");
                sh("ip", "-n", side[0], "addr", "add", side[2] + "/24", "dev", side[1]);
                sh("ip", "-n", side[0], "link", "set", side[1], "up");
            }
            return p;
        } catch (IOException e) {
            p.close();
            throw e;
        }
    }

    /** Runs a command to its end; its output when it succeeds, its error output in the exception when not. */
    static String sh(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out.trim());
        }
        return out;
    }

    /** The command run inside namespace a or b. */
    List<String> in(String ns, String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        return c;
    }

    /** tcpreplay of a capture out of a's end, at its own pace times speed; returns when it has all been sent. */
    void replay(java.nio.file.Path capture, double speed) throws IOException {
        sh(in(nsA, "tcpreplay", "-q", "-i", ifA, "-x", Double.toString(speed), capture.toString())
                .toArray(new String[0]));
    }

    /** tcpreplay of a capture out of a's end as fast as it can, loops times over. */
    void replayLooped(java.nio.file.Path capture, int loops) throws IOException {
        sh(in(nsA, "tcpreplay", "-q", "-i", ifA, "-t", "-l", Integer.toString(loops), capture.toString())
                .toArray(new String[0]));
    }

    /** A second veth pair between the namespaces, ifA2 to ifB2 (no addresses: only replayed frames cross it). */
    void secondLink() throws IOException {
        sh("ip", "link", "add", ifA2, "netns", nsA, "type", "veth", "peer", "name", ifB2, "netns", nsB);
        sh("ip", "-n", nsA, "link", "set", ifA2, "up");
        sh("ip", "-n", nsB, "link", "set", ifB2, "up");
    }

    /**
     * tcpreplay of a capture out of both of a's ends, in the capture's order and at its pace times speed: the frames
     * whose source MAC is primaryMac out of ifA (tcpprep's MAC split), the rest out of ifA2.
     */
    void replayOnBoth(java.nio.file.Path capture, String primaryMac, double speed) throws IOException {
        java.nio.file.Path cache = capture.resolveSibling(capture.getFileName() + ".cache");
        sh("tcpprep", "--mac=" + primaryMac, "-i", capture.toString(), "-o", cache.toString());
        sh(in(nsA, "tcpreplay", "-q", "-c", cache.toString(), "-i", ifA, "-I", ifA2, "-x", Double.toString(speed),
                capture.toString()).toArray(new String[0]));
    }

    /** Takes a's end of the link away (b's end vanishes with it). */
    void cutLink() throws IOException {
        sh("ip", "-n", nsA, "link", "del", ifA);
    }

    @Override
    public void close() {
        for (String ns : new String[] {nsA, nsB}) {
            try {
                sh("ip", "netns", "del", ns);
            } catch (IOException e) {
                // not there (creation failed half-way)
            }
        }
    }
}
