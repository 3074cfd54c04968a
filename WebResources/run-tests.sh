#!/usr/bin/env bash
# TypeScript suites: lint, build, unit tests (xrm-mock) and the real-browser dashboard test (Debian's Chromium).
# Installs what it needs itself and ends with "web: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
status=0
# npm install (not ci): this registry setup omits other platforms' optional packages from the lock, which npm ci rejects.
if [ ! -d node_modules ]; then npm install --no-audit --no-fund --loglevel=error || { echo "npm install failed"; status=1; }; fi
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "installing Debian's chromium for the browser test"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || echo "could not install chromium"
fi
npx eslint src || status=1
npm run --silent build || status=1
mkdir -p ../artifacts
rm -f ../artifacts/web-unit.json ../artifacts/web-e2e.json
npx vitest run --config vitest.config.ts || status=1
npx vitest run --config vitest.e2e.config.ts || status=1
counts=$(node -e '
  const fs = require("fs");
  let p = 0, f = 0;
  for (const file of ["../artifacts/web-unit.json", "../artifacts/web-e2e.json"]) {
    if (!fs.existsSync(file)) { f += 1; continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    p += r.numPassedTests; f += r.numFailedTests;
  }
  console.log(p + " " + f);')
passed=${counts% *}
failed=${counts#* }
[ "$failed" -eq 0 ] || status=1
echo "web: $passed passed, $failed failed"
exit $status
