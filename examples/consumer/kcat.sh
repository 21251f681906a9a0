#!/usr/bin/env bash
# Follow one run's SFT samples on the export stream with kcat, as a training job would.
# Usage: examples/consumer/kcat.sh <run-id> [export.sft|export.rl]
# Env: KAFKA_BOOTSTRAP_SERVERS (default localhost:9092), SYNTHSMITH_TOPICS_PREFIX (default synthsmith.)
set -euo pipefail
run_id=${1:?usage: kcat.sh <run-id> [export.sft|export.rl]}
stream=${2:-export.sft}
topic="${SYNTHSMITH_TOPICS_PREFIX:-synthsmith.}${stream}"
# read_committed: records of aborted export transactions are never shown (librdkafka's default, stated anyway).
# -f prints the run header, then the key (the task id) and the JSON record; grep keeps the run asked for.
kcat -C -b "${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}" -t "$topic" -o beginning -e \
  -X isolation.level=read_committed \
  -f '%h\t%k\t%s\n' \
  | grep -F "synthsmith-run-id=${run_id}" \
  | cut -f2-
