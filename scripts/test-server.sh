#!/usr/bin/env bash
# Serves the built site and Worker on workerd with fresh, throw-away D1/KV state
# (never the dev state) on a free port. Prints "ready <url>" once it answers, then
# serves until its process group is killed. Arguments go to `wrangler dev`
# (`--var NAME:VALUE` to change a setting). `GET /__scheduled` runs the cron
# trigger's handler.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/quiet-wrangler.sh

state=$(mktemp -d -t balie-test-state.XXXXXX)
trap 'rm -rf "$state"' EXIT
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

npx wrangler d1 migrations apply DB --local --persist-to "$state" >"$state/migrate.log" 2>&1 \
  || { cat "$state/migrate.log" >&2; exit 1; }
npx wrangler dev --ip 127.0.0.1 --port "$port" --persist-to "$state" \
  --show-interactive-dev-session=false --log-level warn --test-scheduled "$@" >"$state/server.log" 2>&1 &
server=$!

url="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  # Any answer will do: a Worker started with incomplete settings answers 503.
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/health" 2>/dev/null)" != 000 ]; then
    echo "ready $url"
    wait "$server"
    exit $?
  fi
  if ! kill -0 "$server" 2>/dev/null; then break; fi
  sleep 0.2
done
echo "test server did not start; its log:" >&2
cat "$state/server.log" >&2
exit 1
