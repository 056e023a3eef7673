#!/usr/bin/env bash
# `wrangler deploy --dry-run` builds the bundle exactly as a deploy would upload it,
# without an account; prints its size and the Worker's gzip size (wasm-opt -Oz applied).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/quiet-wrangler.sh
out=$(mktemp -d -t balie-bundle.XXXXXX)
trap 'rm -rf "$out"' EXIT
npx wrangler deploy --dry-run --outdir "$out" >"$out.log" 2>&1 || { cat "$out.log" >&2; rm -f "$out.log"; exit 1; }
# The deploy carries Email Service's binding (the cron is held by a test on wrangler.toml).
grep -q 'env.EMAIL .*Send Email' "$out.log" || { echo "bundle: the dry run lacks the EMAIL binding" >&2; cat "$out.log" >&2; exit 1; }
rm -f "$out.log"
raw=$(cat "$out"/*.wasm "$out"/*.js | wc -c)
gz=$(cat "$out"/*.wasm "$out"/*.js | gzip -9 | wc -c)
printf 'bundle: worker %d KB raw, %d KB gzip (budget 1024 KB gzip)\n' $((raw / 1024)) $((gz / 1024))
[ "$gz" -le $((1024 * 1024)) ] || { echo "bundle: over the 1 MB gzip budget" >&2; exit 1; }
