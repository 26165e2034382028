#!/usr/bin/env bash
# Remakes assets/screenshot.png and assets/screenshot-search.png from a real
# run of the app in a 120x40 tmux pane. Needs tmux, python3, chromium,
# pngquant and the DejaVu Sans Mono font (see assets/README.md); downloads
# nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release
work=$(mktemp -d)
socket="demarche-shot-$$"
t() { tmux -L "$socket" "$@"; }
keys() { for k in "$@"; do t send-keys -t shot "$k"; sleep 0.4; done; sleep 0.6; }
trap 't kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

t new-session -d -s shot -x 120 -y 40 "env -u DEMARCHE_DATA ./target/release/demarche"
sleep 1.5
keys 3 j l          # topic 3 (the indictments), down a row, right to China
t capture-pane -e -p -t shot > "$work/screenshot.ans"
keys / indict       # the search overlay with a query typed
t capture-pane -e -p -t shot > "$work/screenshot-search.ans"

for name in screenshot screenshot-search; do
  python3 assets/ansi2html.py < "$work/$name.ans" > "$work/$name.html"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --screenshot="$work/$name.png" \
    --window-size=1184,760 "file://$work/$name.html" 2>/dev/null
  pngquant --force --quality 80-95 --strip --output "assets/$name.png" "$work/$name.png"
done
ls -l assets/*.png
