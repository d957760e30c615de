#!/bin/sh
# Regenerate every figure of BENCHMARKS.md in one go (a few minutes; engines.py needs Java 17 for Spark):
#   sh benchmarks/run_all.sh ../shared/bench
# The status is 1 when `cleaner < seed` is over its start-up target or a family grows faster than n^1.2.
set -eu
data=$(cd "${1:-../shared/bench}" && pwd)
cd "$(dirname "$0")/.."
python benchmarks/compare.py html "$data" --json benchmarks/results/html.json
python benchmarks/compare.py text "$data" --json benchmarks/results/text.json
python benchmarks/compare.py ml-html "$data" --json benchmarks/results/ml-html.json
python benchmarks/compare.py ml-text "$data" --json benchmarks/results/ml-text.json
status=0
python benchmarks/startup.py --json benchmarks/results/startup.json || status=$?
python benchmarks/metadata.py "$data" --json benchmarks/results/metadata.json
python benchmarks/scaling.py --markdown benchmarks/results/scaling.md --max-exponent 1.2 || status=$?
python benchmarks/engines.py "$data" --markdown benchmarks/results/engines.md
python benchmarks/warc.py "$data" --markdown benchmarks/results/warc.md
python benchmarks/markdown.py "$data" --json benchmarks/results/markdown.json --markdown benchmarks/results/markdown.md || status=$?
python benchmarks/duplicates.py "$data" --json benchmarks/results/duplicates.json
python benchmarks/chart.py
python benchmarks/report.py
exit "$status"
