#!/usr/bin/env bash
# Regenerates dissector/src/test/resources/peer-captures/tshark-frame-fields.tsv: what tshark prints for the
# frame-level fields of every capture in shared/peer-captures/tcpdump-tests. PeerCapturesTest compares hascope
# with it. Needs Debian's tshark; takes about a minute on two cores.
# Format: one line per frame "FILE<TAB>number<TAB>len<TAB>cap_len<TAB>time_epoch<TAB>interface_id", and a line
# "FILE<TAB>!<TAB>reason" for a file tshark could not read.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$here/../shared/peer-captures/tcpdump-tests}"
out="$here/dissector/src/test/resources/peer-captures/tshark-frame-fields.tsv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$corpus"
ls | xargs -P "$(nproc)" -I{} sh -c '
  if tshark -n -r "$2" -T fields -e frame.number -e frame.len -e frame.cap_len -e frame.time_epoch \
       -e frame.interface_id > "$3/$2.tsv" 2> "$3/$2.err"; then :; else
    printf "%s\t!\t%s\n" "$2" "$(grep -v "Running as user" "$3/$2.err" | tr "\n" " ")" > "$3/$2.tsv"; fi
  sed -i "/^[^\t]*\t!\t/!s/^/$2\t/" "$3/$2.tsv"' _ . {} "$work"
{ echo "# tshark $(tshark --version | head -1 | awk '{print $3}') over $(ls | wc -l) files"; cat "$work"/*.tsv | LC_ALL=C sort -t$'\t' -k1,1 -k2,2n; } > "$out"
echo "wrote $out ($(wc -l < "$out") lines)"
