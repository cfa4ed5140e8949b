#!/usr/bin/env bash
# How `analyze` scales on captures where requests go unanswered: a peer that died while its requester, not yet
# judging it gone, goes on sending; half the replies lost on the way back; a tap that missed 5 % of an rUDP
# capture; and the same traffic with nothing wrong, each at several rates. Work that grows with the requests
# waiting (a walk of them all per frame) shows as a time per frame that grows with the rate.
#
#   scripts/unanswered-scaling.sh [-n RUNS] [-r "CPS ..."] [-f text|json|csv] [JAR ...]
#
# Each JAR (default: cli/target/hascope.jar) analyses each capture RUNS times (default 3), the jars in turn, with
# the report in format -f (default json; these captures make tens of thousands of findings, and the report writes
# them all); the median wall time is printed, with the capture's frames and the time per thousand frames. The captures are made
# once by the DPU model (in $HASCOPE_SCALING_DIR, default /tmp/hascope-scaling) and kept.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=3
rates="2500 5000 10000"
format=json
while getopts "n:r:f:" opt; do
  case $opt in
    n) runs=$OPTARG ;;
    r) rates=$OPTARG ;;
    f) format=$OPTARG ;;
    *) echo "usage: $0 [-n RUNS] [-r \"CPS ...\"] [-f text|json|csv] [JAR ...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
case $format in
  text | json | csv) ;;
  *) echo "$0: -f takes text, json or csv, not: $format" >&2; exit 2 ;;
esac
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=("$here/cli/target/hascope.jar")
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { echo "$0: no such jar: $jar (build with: mvn -B -ntp -DskipTests package)" >&2; exit 2; }
done
dir="${HASCOPE_SCALING_DIR:-/tmp/hascope-scaling}"
mkdir -p "$dir"
java_opts=(-XX:+UseSerialGC -XX:-UseCompressedOops)

declare -A cases=(
  [healthy]="--mode hold --max-msgs 1"
  [dead-peer]="--mode hold --max-msgs 1 --fail B@1s --failover-silence 60s"
  [half-the-replies-lost]="--mode hold --max-msgs 1 --loss 0/0.5"
  [tap-missing-5pct]="--mode hold --transport rudp --max-msgs 1 --tap-miss 0.05"
)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-22s %6s %8s' capture cps frames
for jar in "${jars[@]}"; do printf ' | %-28s' "$(basename "$jar")"; done
printf '\n'
for name in healthy dead-peer half-the-replies-lost tap-missing-5pct; do
  for cps in $rates; do
    file="$dir/$name-$cps.pcapng"
    if [ ! -s "$file" ]; then
      # shellcheck disable=SC2086
      java -Xmx8g "${java_opts[@]}" -jar "${jars[0]}" simulate ${cases[$name]} --cps "$cps" --duration 4s --seed 5 \
        -q -w "$file.tmp" && mv "$file.tmp" "$file"
    fi
    frames=$(java "${java_opts[@]}" -jar "${jars[0]}" analyze -q --format json -r "$file" \
      | grep -o '"frames" *: *[0-9]*' | head -1 | grep -o '[0-9]*$')
    declare -A times=()
    for _ in $(seq "$runs"); do
      for i in "${!jars[@]}"; do
        start=$(date +%s.%N)
        java "${java_opts[@]}" -jar "${jars[$i]}" analyze -q --format "$format" -r "$file" > /dev/null
        end=$(date +%s.%N)
        times[$i]="${times[$i]:-} $(echo "$end - $start" | bc)"
      done
    done
    printf '%-22s %6s %8s' "$name" "$cps" "$frames"
    for i in "${!jars[@]}"; do
      m=$(tr ' ' '\n' <<< "${times[$i]}" | grep . | median)
      printf ' | %6.2f s, %6.1f ms/1k frames' "$m" "$(echo "1000 * 1000 * $m / $frames" | bc -l)"
    done
    printf '\n'
    unset times
  done
done
