#!/usr/bin/env bash
# Whole-command timings against Hugo on the benchmark corpus (docs/performance.md).
# Usage: scripts/bench.sh [ITEMS ...]   (default: 1000 5000)
# Needs: apt-get install -y hyperfine hugo python3. The corpus comes from scripts/gen_corpus.py.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/investsite"
GEN=scripts/gen_corpus.py
for n in ${@:-1000 5000}; do
  if [ ! -d /tmp/bench/investsite-$n ]; then
    python3 "$GEN" "$n" --tool investsite --out /tmp/bench/investsite-$n
    # Hugo draws no share images or posters: compare like with like.
    printf '\nshare: {images: false, posters: false}\n' >> /tmp/bench/investsite-$n/site.yaml
  fi
  [ -d /tmp/bench/hugo-$n ] || python3 "$GEN" "$n" --tool hugo --out /tmp/bench/hugo-$n
  hyperfine -w 1 -r 5 \
    "$BIN build -q --root /tmp/bench/investsite-$n --output /tmp/bench/out-investsite-$n" \
    "hugo --quiet -s /tmp/bench/hugo-$n -d /tmp/bench/out-hugo-$n"
done
