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

# Microsoft's SolutionPackager (a .NET Framework program) runs under Mono on Linux; the packages are the ones
# ../shared/nuget/README.md lists. Only where ../shared serves CoreTools: elsewhere those tests skip.
if [ -d ../shared/nuget ] && [ "$(uname)" = "Linux" ] && ! command -v mono >/dev/null 2>&1; then
  echo "== installing Mono for Microsoft's SolutionPackager"
  mono_packages="mono-runtime libmono-system-xml-linq4.0-cil libmono-system-io-compression4.0-cil
    libmono-system-io-compression-filesystem4.0-cil libmono-system-runtime-serialization4.0-cil libmono-system-servicemodel4.0a-cil
    libmono-windowsbase4.0-cil libmono-system-data4.0-cil libmono-system-configuration4.0-cil libmono-system-core4.0-cil
    libmono-system-identitymodel4.0-cil libmono-system-net-http4.0-cil libmono-system-web4.0-cil libmono-system-xaml4.0-cil
    libmono-microsoft-csharp4.0-cil libmono-system-componentmodel-composition4.0-cil libmono-system-componentmodel-dataannotations4.0-cil
    libmono-system-drawing4.0-cil libmono-system-windows-forms4.0-cil libmono-system-xml-serialization4.0-cil"
  sudo_if_needed=""
  [ "$(id -u)" -eq 0 ] || sudo_if_needed="sudo"
  # shellcheck disable=SC2086
  $sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $mono_packages >/dev/null 2>&1 \
    || { $sudo_if_needed apt-get update -q >/dev/null 2>&1 && $sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $mono_packages >/dev/null; } \
    || echo "Mono could not be installed: the SolutionPackager tests will fail and say so."
fi

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
