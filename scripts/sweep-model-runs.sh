#!/usr/bin/env bash
# Random DPU-model runs held to their truth, as AnalysisAgainstTruthProperties holds CI's 300 from one fixed seed,
# but from another seed and recording every run instead of stopping at the first that disagrees.
# Usage: scripts/sweep-model-runs.sh [--focus one-tap-rudp-failover|long-cut|one-way|cut-tie|cut-tie-one-tap] SEED [TRIES]   (TRIES default 1000,
# about 20 s per 1,000 runs on this project's machine type; needs the dissector built, as `mvn -o -q -pl dissector
# install -DskipTests` leaves it). --focus one-tap-rudp-failover narrows the draws to hasync over rUDP with one tap, a
# DPU failing, and loss up to 15 % (the usual draws go to 10 %): where one tap reads a failed DPU's last DATA by the
# survivor's ACK, one run in tens of thousands of the usual draws. --focus long-cut draws hasync over rUDP, senders
# that resend, and a cut link of 1 to 3 s (the usual draws cut for 1 s, the matching window): requests held back
# past the window by a full rUDP window (seed 1837: a resend that opened its owner's closed entry again).
# --focus one-way impairs one direction of the link only (B to A for an even run seed, A to B for an odd one), with
# loss drawn up to 30 %: one DPU's requests and the other's replies lost, the other way clean, as a link that fails
# one way does (the usual draws impair both ways alike). --focus cut-tie draws hasync over rUDP with two taps and the
# usual one-second cut, as long as the idle timeout: where the first frame after the cut reaches a receiver just past
# its idle deadline and its ACK fits both a restart and the old numbers taken in order (the restart tie,
# docs/analysis-accuracy.md), to count how often each reading is the right one. --focus cut-tie-one-tap draws the same
# with one tap, which sees no arrivals and reads the tie by the receiver's timers alone.
# Prints how many runs agree and, by kind, how many do not, and how many of those are other than DASH with one tap
# (analysis.md §0's blind spot for identical copies); writes dissector/target/sweep-SEED/runs.txt (one line per
# run, the disagreement's message under each FAIL) and each disagreeing run's capture and truth file beside it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
usage="usage: scripts/sweep-model-runs.sh [--focus one-tap-rudp-failover|long-cut|one-way|cut-tie|cut-tie-one-tap] SEED [TRIES] (whole numbers)"
focus=
if [[ ${1:-} == --focus ]]; then
    [[ ${2:-} == one-tap-rudp-failover || ${2:-} == long-cut || ${2:-} == one-way || ${2:-} == cut-tie \
        || ${2:-} == cut-tie-one-tap ]] \
        || { echo "$usage" >&2; exit 2; }
    focus=$2
    shift 2
fi
seed=${1:-}
tries=${2:-1000}
[[ $seed =~ ^[0-9]+$ && $tries =~ ^[0-9]+$ ]] || { echo "$usage" >&2; exit 2; }
dir=dissector/src/test/java/io/hascope/model
sweep=$dir/SweepModelRunsProperties.java
out=dissector/target/sweep-$seed
trap 'rm -f "$sweep"' EXIT
rm -rf "$out" && mkdir -p "$out"
python3 - "$dir/AnalysisAgainstTruthProperties.java" "$sweep" "$seed" "$tries" "sweep-$seed" "$focus" <<'EOF'
import sys
source, target, seed, tries, out, focus = sys.argv[1:]
s = open(source).read()
def swap(old, new):
    global s
    if old not in s:
        sys.exit("sweep: AnalysisAgainstTruthProperties changed; this script no longer knows where to hook in")
    s = s.replace(old, new, 1)
swap('class AnalysisAgainstTruthProperties', 'class SweepModelRunsProperties')
swap('@Property(tries = 300, seed = "20261127")',
     '@Property(tries = %s, seed = "%s", shrinking = net.jqwik.api.ShrinkingMode.OFF)' % (tries, seed))
swap('@Property(tries = 100, seed = "20261128")',
     '@Property(tries = %d, seed = "%s", shrinking = net.jqwik.api.ShrinkingMode.OFF)' % (max(1, int(tries) // 10), seed))
swap('        TruthCheck.assertAgrees(made.capture(), made.truth(), c.resendOnTimeout);', '''\
        String kind = (c.reliable ? "rudp" : c.dash ? "dash" : "udp") + "-" + c.mode
                + (c.partitionFrom > 0 ? "-cut" : "") + (c.failDpu >= 0 ? "-fail" : "");
        java.nio.file.Path dir = java.nio.file.Path.of("target", "%s");
        String line;
        try {
            TruthCheck.assertAgrees(made.capture(), made.truth(), c.resendOnTimeout);
            line = "OK " + kind + "\\n";
        } catch (AssertionError e) {
            String id = Integer.toHexString(run.hashCode());
            java.nio.file.Files.write(dir.resolve(id + ".pcapng"), made.capture());
            java.nio.file.Files.writeString(dir.resolve(id + ".truth.json"), made.truth().toString());
            line = "FAIL " + kind + " " + id + " " + run + "\\n" + e.getMessage() + "\\n";
        }
        java.nio.file.Files.writeString(dir.resolve("runs.txt"), line, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);''' % out)
if focus == 'one-tap-rudp-failover':
    swap('Arbitraries.of(false, true), // DASH dialect', 'Arbitraries.of(false), // DASH dialect')
    swap('Arbitraries.of(false, true), // the reliable transport', 'Arbitraries.of(true), // the reliable transport')
    swap('Arbitraries.of(false, true), // two taps', 'Arbitraries.of(false), // two taps')
    swap('Arbitraries.of(0.0, 0.01, 0.05, 0.1), // loss', 'Arbitraries.of(0.0, 0.01, 0.05, 0.1, 0.15), // loss')
    swap('Arbitraries.of(Failure.class)', 'Arbitraries.of(Failure.DPU_A_FAILS, Failure.DPU_B_FAILS)')
if focus == 'long-cut':
    swap('Arbitraries.of(false, true), // DASH dialect', 'Arbitraries.of(false), // DASH dialect')
    swap('Arbitraries.of(false, true), // the reliable transport', 'Arbitraries.of(true), // the reliable transport')
    swap('Arbitraries.of(0.0, 0.05), Arbitraries.of(false, true),', 'Arbitraries.of(0.0, 0.05), Arbitraries.of(true),')
    swap('Arbitraries.of(Failure.class)', 'Arbitraries.of(Failure.PARTITION)')
    swap('c.partitionTo = 2200 * ModelConfig.MS;', 'c.partitionTo = (2200 + Math.floorMod(seed, 2001)) * ModelConfig.MS;')
if focus == 'cut-tie':
    swap('Arbitraries.of(false, true), // DASH dialect', 'Arbitraries.of(false), // DASH dialect')
    swap('Arbitraries.of(false, true), // the reliable transport', 'Arbitraries.of(true), // the reliable transport')
    swap('Arbitraries.of(false, true), // two taps', 'Arbitraries.of(true), // two taps')
    swap('Arbitraries.of(Failure.class)', 'Arbitraries.of(Failure.PARTITION)')
if focus == 'cut-tie-one-tap':
    swap('Arbitraries.of(false, true), // DASH dialect', 'Arbitraries.of(false), // DASH dialect')
    swap('Arbitraries.of(false, true), // the reliable transport', 'Arbitraries.of(true), // the reliable transport')
    swap('Arbitraries.of(false, true), // two taps', 'Arbitraries.of(false), // two taps')
    swap('Arbitraries.of(Failure.class)', 'Arbitraries.of(Failure.PARTITION)')
if focus == 'one-way':
    swap('Arbitraries.of(0.0, 0.01, 0.05, 0.1), // loss', 'Arbitraries.of(0.01, 0.05, 0.1, 0.2, 0.3), // loss')
    swap('            c.duplicate = duplicate;', '''\
            c.duplicate = duplicate;
            // one way impaired, the other clean: which, by the run's seed
            if (Math.floorMod(seed, 2) == 0) {
                c.lossBA = 0;
                c.reorderBA = 0;
                c.duplicateBA = 0;
            } else {
                c.lossBA = loss;
                c.reorderBA = reorder;
                c.duplicateBA = duplicate;
                c.loss = 0;
                c.reorder = 0;
                c.duplicate = 0;
            }''')
open(target, 'w').write(s)
EOF
# only the two properties: the fixed runs beside them are CI's, and a focus's draws may change what they run
mvn -o -q -pl dissector test \
    -Dtest='SweepModelRunsProperties#theAnalysisOfAnyModelRunAgreesWithItsTruth+copiesARefreshingOwnerLetsLapseAgeOutAsTheTruthSays' \
    -Dsurefire.failIfNoSpecifiedTests=false >"$out/mvn.log" 2>&1 \
    || { echo "sweep: the build or the sweep failed; see $out/mvn.log" >&2; exit 1; }
echo "seed $seed: $(grep -c '^OK' "$out/runs.txt" || true) of $(grep -c '^OK\|^FAIL' "$out/runs.txt" || true) runs agree with their truth"
grep '^FAIL' "$out/runs.txt" | awk '{print $2}' | sort | uniq -c | sed 's/^/  disagree: /' || true
# DASH with one tap: identical copies, a copy lost after the tap (analysis.md §0's blind spot; since the model numbers
# its IP packets, two taps tell them apart). The others are each to be read against their truth
others=$(grep '^FAIL' "$out/runs.txt" | grep -vc 'dash=true, rudp=false, twoTaps=false' || true)
echo "  disagreeing runs other than DASH with one tap: $others"
