#!/usr/bin/env bash
# A CI-sized fuzz run (#8): each target for SECONDS (default 60) on the stable toolchain.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP=1 lets stable rustc take the
# -Z flags cargo-fuzz passes. No sanitizer: the workspace forbids unsafe code, and without
# ASan a run gets several times more executions. Crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1
for target in decode text html markdown docx check; do
    mkdir -p "fuzz/corpus/$target"
    cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10
done
