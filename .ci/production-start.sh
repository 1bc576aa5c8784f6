#!/usr/bin/env bash
# The production install: a fresh clone, `npm ci --omit=dev` (no TypeScript, Vitest, Playwright
# nor benchmark tools), then `npm start` on an empty data folder. Passes when the home page
# answers 200 within the time limit. Usage: .ci/production-start.sh [REPO_DIR] [SECONDS]
set -u
repo=$(cd "${1:-.}" && git rev-parse --show-toplevel) || { echo "production-start: not a git checkout"; exit 2; }
limit=${2:-240}
work=$(mktemp -d /tmp/production-start.XXXX)
trap '[ -n "${pid:-}" ] && { kill -TERM -- -"$pid" 2>/dev/null; sleep 1; kill -KILL -- -"$pid" 2>/dev/null; }; rm -rf "$work"' EXIT
git clone -q "$repo" "$work/app" || { echo "production-start: clone failed"; exit 1; }
cd "$work/app" || exit 1
start=$SECONDS
NODE_ENV=production npm ci --omit=dev --no-audit --no-fund >"$work/install.log" 2>&1 \
  || { echo "production-start: npm ci --omit=dev failed"; tail -20 "$work/install.log"; exit 1; }
for dev in typescript vitest playwright-core autocannon; do
  [ ! -d "node_modules/$dev" ] || { echo "production-start: $dev is installed by --omit=dev: it must be a devDependency"; exit 1; }
done
echo "production-start: installed in $((SECONDS-start)) s ($(du -sm node_modules | cut -f1) MB) with node $(node --version)"
port=$(( 20000 + RANDOM % 20000 ))
PORT=$port DATA_DIR="$work/data" NODE_ENV=production setsid npm start >"$work/start.log" 2>&1 </dev/null &
pid=$!
while [ $((SECONDS-start)) -lt "$limit" ]; do
  code=$(curl -s -o "$work/home.html" -w '%{http_code}' "http://127.0.0.1:$port/" 2>/dev/null)
  if [ "$code" = 200 ] && grep -q 'Palabre' "$work/home.html"; then
    echo "production-start: home page 200 after $((SECONDS-start)) s"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { echo "production-start: npm start exited"; tail -30 "$work/start.log"; exit 1; }
  sleep 1
done
echo "production-start: no home page within $limit s"; tail -30 "$work/start.log"; exit 1
