#!/usr/bin/env bash
# Runs every test suite (.NET, and TypeScript once WebResources has tests) and ends with one line:
# "N passed, N failed". Exit status is non-zero when anything failed or did not run.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

passed=0
failed=0
status=0

echo "== build (Release, every project incl. net462)"
if ! dotnet build CrmExtensions.sln -c Release -nologo -v q; then
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== .NET tests"
dotnet test CrmExtensions.sln -c Release --no-build -nologo -v q --logger "trx" --results-directory "$results" || status=1
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counts=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counts" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counts" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ -f WebResources/package.json ]; then
  echo "== TypeScript tests"
  if [ -x WebResources/run-tests.sh ]; then
    out=$(WebResources/run-tests.sh 2>&1) || status=1
    echo "$out"
    p=$(echo "$out" | sed -n 's/^web: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -1)
    f=$(echo "$out" | sed -n 's/^web: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  fi
fi

[ "$passed" -gt 0 ] || status=1
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
