#!/usr/bin/env bash
# A CI-sized fuzz run (#8): each target for SECONDS (default 60) on the stable toolchain.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP=1 lets stable rustc take the
# -Z flags cargo-fuzz passes. No sanitizer: the workspace forbids unsafe code, and without
# ASan a run gets several times more executions. Crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1
# Seeds: fuzz/seeds/TARGET, plus the adapters' test fixtures (a GB2312 page, a hard-wrapped
# Markdown conversion, the PDFs) for the targets that read whole files, so they are not copied.
fixtures=crates/xxgk-adapters/tests/fixtures
for target in decode text html markdown docx pdf check; do
    mkdir -p "fuzz/corpus/$target"
    seeds=()
    [ -d "fuzz/seeds/$target" ] && seeds+=("fuzz/seeds/$target")
    case "$target" in
        html | markdown | check) seeds+=("$fixtures") ;;
        pdf) seeds+=("$fixtures/pdf") ;;
    esac
    # A seed PDF is 150-200 KB: let the PDF target take whole files.
    max_len=65536
    [ "$target" = pdf ] && max_len=262144
    cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" "${seeds[@]}" -- \
        -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10
done
