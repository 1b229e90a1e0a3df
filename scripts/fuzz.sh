#!/bin/sh
# Long fuzz run on stable Rust (proptest): units, front matter, Markdown and whole small sites.
# Usage: scripts/fuzz.sh [cases]   (default 20000; whole-site builds run a tenth of that)
# Each property prints how many inputs it ran; a failure prints the smallest failing input.
set -eu
cd "$(dirname "$0")/.."
cases="${1:-${INVESTSITE_FUZZ_CASES:-20000}}"
INVESTSITE_FUZZ_CASES="$cases" exec cargo test --release --test it fuzz::long_ -- --ignored --nocapture --test-threads=1
