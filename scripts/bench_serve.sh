#!/usr/bin/env bash
# Edit -> reload latency of `investsite serve` (docs/performance.md, README "Editing loop"):
# the time from saving a content file to the reload event reaching an open page, which
# includes the watcher's quiet period (50 ms), the rebuild in memory and the event.
# Usage: scripts/bench_serve.sh [SITE ...]   (default: the example site and the 5,000-item
# corpus of scripts/gen_corpus.py). Each site is copied to a temporary folder first.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/investsite"
EDITS="${EDITS:-10}"

sites=("$@")
if [ ${#sites[@]} -eq 0 ]; then
  if [ ! -d /tmp/bench/investsite-5000 ]; then
    python3 scripts/gen_corpus.py 5000 --tool investsite --out /tmp/bench/investsite-5000
    printf '\nshare: {images: false, posters: false}\n' >> /tmp/bench/investsite-5000/site.yaml
  fi
  sites=(. /tmp/bench/investsite-5000)
fi

for site in "${sites[@]}"; do
  work=$(mktemp -d)
  for part in site.yaml content data static themes; do
    [ -e "$site/$part" ] && cp -r "$site/$part" "$work/"
  done
  # The share-image cache of the source site, so the first build does not redraw them all.
  [ -d "$site/.investsite-cache" ] && cp -r "$site/.investsite-cache" "$work/"
  python3 - "$BIN" "$work" "$EDITS" "$site" <<'PY'
import os, re, socket, statistics, subprocess, sys, time
binary, root, edits, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
proc = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
try:
    line = proc.stdout.readline()
    m = re.match(r"serving at http://([\d.]+):(\d+)/", line)
    if not m:
        sys.exit(f"no address: {line!r} {proc.stderr.read()}")
    host, port = m.group(1), int(m.group(2))
    events = socket.create_connection((host, port))
    events.sendall(b"GET /__investsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    events.settimeout(600)
    seen = b""
    def wait(needle):
        global seen
        while needle not in seen:
            chunk = events.recv(65536)
            if not chunk:
                sys.exit("event stream closed")
            seen += chunk
        seen = seen[seen.index(needle) + len(needle):]
    wait(b"retry:")
    # A Markdown file of the site, edited at the end of its text.
    target = None
    for d, _, files in sorted(os.walk(os.path.join(root, "content"))):
        for f in sorted(files):
            if f.endswith(".md") and not f.startswith("_index"):
                target = os.path.join(d, f)
                break
        if target:
            break
    original = open(target, encoding="utf-8").read()
    times = []
    for i in range(edits):
        time.sleep(0.5)  # past the quiet period of the previous edit
        started = time.perf_counter()
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(original + f"\n\nEdit {i}.\n")
        wait(b"event: reload")
        times.append((time.perf_counter() - started) * 1000)
    print(f"{label}: {os.path.relpath(target, root)} edited {edits} times; edit -> reload event "
          f"median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms")
finally:
    proc.terminate()
    proc.wait()
PY
  rm -rf "$work"
done
