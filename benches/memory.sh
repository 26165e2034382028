#!/bin/sh
# Peak memory (maximum resident set size, from /usr/bin/time -v) of
# `demarche check` and of the explorer, on synthetic data: the figures
# of docs/PERFORMANCE.md, "Memory". Not a test: it measures, it does not
# judge. Needs tmux and GNU time (/usr/bin/time).
#
#   sh benches/memory.sh [POSITIONS...]     (default: 10000 100000)
#
# For each size it writes the synthetic file (`demarche::synthetic::generate(N, 1)`,
# through examples/load_file.rs), then prints one row:
#   positions, file bytes, check peak, app peak after the first load,
#   after one reload (`r`) and after five, in kB.
# The app runs in tmux at 120x40; each step waits until the screen shows
# the explorer and has not changed for half a second.
set -eu

cd "$(dirname "$0")/.."
cargo build --release --quiet --bin demarche --example load_file
bin=target/release/demarche
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

peak() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }

# The explorer's peak after the first load and RELOADS presses of `r`.
app_peak() {
    file=$1 reloads=$2 session="memory-bench-$$"
    out="$dir/app-$reloads.txt"
    tmux new-session -d -s "$session" -x 120 -y 40 \
        "/usr/bin/time -v -o $out $bin --data $file"
    settle() {
        prev=""
        for _ in $(seq 1 600); do
            sleep 0.5
            cur=$(tmux capture-pane -p -t "$session")
            if [ "$cur" = "$prev" ] && printf '%s' "$cur" | grep -q 'Topics'; then
                return 0
            fi
            prev=$cur
        done
        echo "the explorer did not settle" >&2
        return 1
    }
    settle
    for _ in $(seq 1 "$reloads"); do
        tmux send-keys -t "$session" r
        sleep 1
        settle
    done
    tmux send-keys -t "$session" q
    for _ in $(seq 1 60); do
        [ -s "$out" ] && grep -q 'Exit status' "$out" && break
        sleep 0.5
    done
    peak "$out"
}

printf '%10s %12s %12s %12s %16s %16s\n' positions bytes check_kB app_kB app_1_reload_kB app_5_reloads_kB
[ $# -gt 0 ] || set -- 10000 100000
for n in "$@"; do
    file="$dir/$n.toml"
    target/release/examples/load_file --generate "$n" "$file" >/dev/null
    /usr/bin/time -v -o "$dir/check.txt" "$bin" check "$file" >/dev/null
    printf '%10s %12s %12s %12s %16s %16s\n' "$n" "$(wc -c <"$file")" \
        "$(peak "$dir/check.txt")" "$(app_peak "$file" 0)" "$(app_peak "$file" 1)" "$(app_peak "$file" 5)"
done
