#!/usr/bin/env bash
# The highest rate at which `hascope live -w` (analysis on) captures every frame for 10 seconds, on a veth pair
# between two network namespaces, with tcpreplay sending at a fixed packet rate on the other end.
# Usage (as root): scripts/live-sustained-rate.sh [RATE ...]   (frames/s to try, ascending; default a ladder)
# Prints one line per rate: sent, captured, written, dropped, and whether it was lossless; then the best rate in
# frames/s and HA messages/s. Needs tcpreplay, iproute2 and libpcap0.8 (what .ci/run installs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rates=("$@")
[ ${#rates[@]} -gt 0 ] || rates=(25000 50000 100000 150000 200000 250000 300000 400000)
seconds=10
work=$(mktemp -d)
a=hsrate$$a; b=hsrate$$b
cleanup() { ip netns del "$a" 2>/dev/null || true; ip netns del "$b" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$a"; ip netns add "$b"
ip link add "${a}0" netns "$a" type veth peer name "${b}0" netns "$b"
for ns in "$a" "$b"; do
  ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
  ip -n "$ns" link set lo up
  ip -n "$ns" link set "${ns}0" up
done

[ -f cli/target/hascope.jar ] || ./hascope --version >/dev/null
jar=cli/target/hascope.jar
# the traffic: the DPU model in hold mode, many connections, packets of 1-32 messages
java -jar "$jar" simulate -q --mode hold --cps 20000 --duration 2s --lifetime 1s --seed 5 -w "$work/traffic.pcapng"
frames=$(java -jar "$jar" decode -r "$work/traffic.pcapng" -T fields -e frame.number | wc -l)
msgs=$(java -jar "$jar" decode -r "$work/traffic.pcapng" -T fields -e hasync.msg.type -E aggregator=' ' | wc -w)
per_frame=$(awk -v m="$msgs" -v f="$frames" 'BEGIN { printf "%.2f", m / f }')
echo "traffic: $frames frames, $msgs sync messages ($per_frame per frame), $(du -h "$work/traffic.pcapng" | cut -f1)"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(java -version 2>&1 | head -1)"

best=0
for rate in "${rates[@]}"; do
  total=$((rate * seconds))
  out="$work/live-$rate.pcapng"
  ip netns exec "$b" java -jar "$jar" live -i "${b}0" -w "$out" -q --format json -a packets:$total \
      -a duration:$((seconds + 20)) > "$work/report-$rate.json" 2> "$work/err-$rate.txt" &
  live=$!
  for _ in $(seq 100); do grep -q "capturing on" "$work/err-$rate.txt" 2>/dev/null && break; sleep 0.1; done
  ip netns exec "$a" tcpreplay -i "${a}0" --pps="$rate" --loop=0 -L "$total" "$work/traffic.pcapng" \
      > "$work/tcpreplay-$rate.txt" 2>&1
  sent=$(awk '/Actual:/ { print $2; exit }' "$work/tcpreplay-$rate.txt")
  actual=$(awk '/Rated:/ { printf "%.0f", $(NF-1); exit }' "$work/tcpreplay-$rate.txt")
  wait "$live" || true
  status=$(grep '"event":"status"' "$work/report-$rate.json" | tail -1)
  written=$(java -jar "$jar" decode -r "$out" -T fields -e frame.number 2>/dev/null | wc -l)
  kernel=$(sed -n 's/.*"dropped_by_kernel":\([0-9]*\).*/\1/p' <<< "$status")
  analysed=$(tail -1 "$work/report-$rate.json" | sed -n 's/.*"capture":{[^}]*"frames":\([0-9]*\).*/\1/p')
  verdict=LOSSLESS
  if [ "$written" != "$sent" ] || [ "${analysed:-0}" != "$sent" ] || grep -q "LOSS\|lost\|skipped" "$work/err-$rate.txt"; then
    verdict=LOST
  fi
  printf '%8d frames/s (tcpreplay measured %s/s): sent %9d, written %9d, analysed %9s, kernel drops %s  %s\n' \
      "$rate" "$actual" "$sent" "$written" "${analysed:-?}" "${kernel:-?}" "$verdict"
  [ "$verdict" = LOST ] && grep "^hascope:" "$work/err-$rate.txt" | grep -v "capturing on" | sed 's/^/    /' || true
  [ "$verdict" = LOSSLESS ] && best=$rate
  [ "$verdict" = LOST ] && break
  rm -f "$out"
done
echo "highest lossless rate over ${seconds} s: $best frames/s = $(awk -v r="$best" -v p="$per_frame" 'BEGIN { printf "%.0f", r * p }') HA messages/s"
