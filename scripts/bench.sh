#!/usr/bin/env bash
# Whole-command timings against Hugo on the benchmark corpus (docs/performance.md): for each
# size, investsite's and Hugo's mean wall time in the same hyperfine run, their ratio, and
# each one's peak memory (one `/usr/bin/time -v` run each).
# Usage: scripts/bench.sh [ITEMS ...]   (default: 1000 5000)   RUNS=5 sets hyperfine's runs.
# Needs: apt-get install -y hyperfine hugo time python3. The corpus comes from scripts/gen_corpus.py.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/investsite"
GEN=scripts/gen_corpus.py
RUNS="${RUNS:-5}"
peak_mib() { # command… → the peak resident memory in MiB
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident set size/ {printf "%.0f", $NF / 1024}'
}
summary=()
for n in ${@:-1000 5000}; do
  if [ ! -d /tmp/bench/investsite-$n ]; then
    python3 "$GEN" "$n" --tool investsite --out /tmp/bench/investsite-$n
    # Hugo draws no share images or posters: compare like with like.
    printf '\nshare: {images: false, posters: false}\n' >> /tmp/bench/investsite-$n/site.yaml
  fi
  [ -d /tmp/bench/hugo-$n ] || python3 "$GEN" "$n" --tool hugo --out /tmp/bench/hugo-$n
  ours="$BIN build -q --root /tmp/bench/investsite-$n --output /tmp/bench/out-investsite-$n"
  hugo="hugo --quiet -s /tmp/bench/hugo-$n -d /tmp/bench/out-hugo-$n"
  json=/tmp/bench/hyperfine-$n.json
  hyperfine -w 1 -r "$RUNS" --export-json "$json" "$ours" "$hugo"
  read -r t_ours t_hugo < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(r[0]["mean"], r[1]["mean"])' "$json")
  # shellcheck disable=SC2086 # the commands are split into words on purpose
  m_ours=$(peak_mib $ours)
  # shellcheck disable=SC2086
  m_hugo=$(peak_mib $hugo)
  summary+=("$(printf '%7s items: investsite %6.2f s, Hugo %6.2f s, ratio %.2f× Hugo; peak memory %5s MiB vs %5s MiB' \
    "$n" "$t_ours" "$t_hugo" "$(python3 -c "print($t_ours / $t_hugo)")" "$m_ours" "$m_hugo")")
done
echo
printf '%s\n' "${summary[@]}"
