#!/usr/bin/env bash
# The local portal: applies migrations to the dev state (.wrangler/state), serves
# help site and API on PORT (default 8787), and provisions a demo employer through
# the real admin endpoint. Stops with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/quiet-wrangler.sh
PORT=${PORT:-8787}
url="http://localhost:$PORT"

# The mail settings pass through when set, e.g. a local SES receiver:
#   MAIL_TRANSPORT=ses SES_ENDPOINT=http://127.0.0.1:8005 make dev
vars=()
for name in MAIL_TRANSPORT MAIL_FROM SES_REGION SES_ENDPOINT SES_ACCESS_KEY_ID SES_SECRET_ACCESS_KEY; do
  if [ -n "${!name:-}" ]; then vars+=(--var "$name:${!name}"); fi
done

npx wrangler d1 migrations apply DB --local >/dev/null
setsid npx wrangler dev --port "$PORT" --show-interactive-dev-session=false ${vars[@]+"${vars[@]}"} &
server=$!
trap 'kill -- -"$server" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 300); do
  curl -fsS "$url/api/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "dev: wrangler dev exited" >&2; exit 1; }
  sleep 0.2
done

token=$(sed -n 's/^ADMIN_TOKEN=//p' .dev.vars)
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$url/api/admin/employers" \
  -H "authorization: Bearer $token" -H 'content-type: application/json' \
  --data @scripts/demo-employer.json)
case "$status" in
  201) echo "dev: demo employer provisioned" ;;
  409) echo "dev: demo employer already there" ;;
  *) echo "dev: provisioning the demo employer answered $status" >&2 ;;
esac
link=$(curl -fsS "$url/api/dev/outbox" | node -e '
  let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
    const m = JSON.parse(s).messages.find(m => m.to === "j.devries@goudenkorst.nl");
    const l = m && m.text.match(/https?:\/\/\S*activeren\?token=\S+/);
    console.log(l ? l[0] : "");
  });')
cat <<MSG

  Balie runs at $url  (help site: $url/nl/, API: $url/api/health)
  Demo employer: Bakkerij De Gouden Korst B.V., main user j.devries@goudenkorst.nl
  Activation link: ${link:-"(sent through ${MAIL_TRANSPORT:-the outbox}: open it there)"}
  Development mailbox: $url/api/dev/outbox

MSG
wait "$server"
