#!/bin/sh
# Regenerate every figure of BENCHMARKS.md in one go (a few minutes):
#   sh benchmarks/run_all.sh ../shared/bench
# The last command's status is startup.py's: 1 when `cleaner < seed` is over its target.
set -eu
data=$(cd "${1:-../shared/bench}" && pwd)
cd "$(dirname "$0")/.."
python benchmarks/compare.py html "$data" --json benchmarks/results/html.json
python benchmarks/compare.py text "$data" --json benchmarks/results/text.json
status=0
python benchmarks/startup.py --json benchmarks/results/startup.json || status=$?
python benchmarks/chart.py
python benchmarks/report.py
exit "$status"
