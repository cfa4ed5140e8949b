#!/usr/bin/env bash
# Runs every example of README.md, each "$ ./hascope ..." line of a code block (continued by a trailing "\"), and
# checks that every line shown under it appears in what it prints now, so that the README's examples stay true.
# Lines shown as "…" (indented or not) mark a cut; a run's own wall time ("in 0.34 s" at the end of a line) is not compared. The
# examples run in a scratch directory where samples/, ./hascope (a symlink to the launcher) and ../shared/ are what
# they name, and what they write there (run.pcapng, rep.json …) goes away afterwards; the cut-file example writes
# /tmp/cut.pcapng and /tmp/cut.pcapng.gz, as the README says. Exit 1 names each example that differs.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/work/examples"
ln -s "$repo/samples" "$scratch/work/examples/samples"
ln -s "$repo/hascope" "$scratch/work/examples/hascope"
ln -s "$(cd "$repo/.." && pwd)/shared" "$scratch/work/shared"
cases="$scratch/cases"
mkdir -p "$cases"

# Split the README into cases: NNN.cmd (the command) and NNN.expected (the lines shown under it).
awk -v dir="$cases" '
  /^```/ { inblock = !inblock; command = ""; next }
  !inblock { next }
  continuing { command = command "\n" $0; continuing = /\\$/; if (!continuing) write(); next }
  /^\$ / {
    n++; command = substr($0, 3); expected = sprintf("%s/%03d.expected", dir, n); printf "" > expected
    continuing = /\\$/; if (!continuing) write(); next
  }
  n && command != "" { print > expected }
  function write() { print command > sprintf("%s/%03d.cmd", dir, n) }
' "$repo/README.md"

normalise() { sed -E 's/ in [0-9]+(\.[0-9]+)? s$/ in N s/'; }
failed=0
checked=0
for cmd_file in "$cases"/*.cmd; do
  n="$(basename "$cmd_file" .cmd)"
  command="$(cat "$cmd_file")"
  case "$command" in ./hascope*|head\ *|gzip\ *) ;; *) continue ;; esac
  for tool in $(grep -oE '\| *(jq|tshark)\b' "$cmd_file" | tr -d '| ' || true); do
    if ! command -v "$tool" > /dev/null 2>&1; then
      echo "readme: skipped (needs $tool): ${command%%$'\n'*}"
      continue 2
    fi
  done
  actual="$(cd "$scratch/work/examples" && bash -c "$command" 2>&1 | normalise || true)"
  checked=$((checked + 1))
  while IFS= read -r line; do
    trimmed="${line#"${line%%[![:space:]]*}"}"
    [ -z "$trimmed" ] || [ "$trimmed" = "…" ] && continue
    if ! grep -qxF -- "$line" <<< "$actual"; then
      echo "readme: example $n prints something else now: ${command%%$'\n'*}" >&2
      echo "  shown:   $line" >&2
      failed=1
      break
    fi
  done < <(normalise < "$cases/$n.expected")
done
echo "readme: $checked examples run, every line they show printed as shown$([ $failed = 0 ] || echo ' — except the ones above')"
exit $failed
