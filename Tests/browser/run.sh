#!/usr/bin/env bash
# Browser tests of the pages: starts the already built server on a free port
# with a temporary database and the demo data (on the real clock, so the demo's
# "today's quarter" is exercised too), runs pytest against it with headless
# Chromium, stops the server, and exits with pytest's status.
#   TIENDO_BIN  the binary (default .build/debug/tiendo)
#   SCREENSHOTS where the PNGs go (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bin=${TIENDO_BIN:-.build/debug/tiendo}
[ -x "$bin" ] || { echo "browser tests: $bin not built (swift build first)" >&2; exit 2; }
tmp=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --demo --host 127.0.0.1 --port "$port" --db "$tmp/tiendo.sqlite" >"$tmp/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1)" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$tmp/server.log" >&2; exit 2; fi
  sleep 0.2
done
export TIENDO_URL="http://127.0.0.1:$port"
export SCREENSHOTS="${SCREENSHOTS:-$root/docs/screenshots}"
status=0
python3 -m pytest -q -p no:cacheprovider Tests/browser "$@" || status=$?
if [ "$status" -ne 0 ]; then echo "--- server log ---" >&2; tail -n 40 "$tmp/server.log" >&2; fi
exit "$status"
