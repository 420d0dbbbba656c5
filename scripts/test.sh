#!/usr/bin/env bash
# The whole test suite: unit, integration, CLI and doc tests, and the
# benches compiled (not run). The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets
cargo test --doc
