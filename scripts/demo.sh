#!/usr/bin/env bash
# The pg_journey demo, from a fresh machine:
#   bash scripts/demo.sh          build, install, start a cluster, print the reports
#   bash scripts/demo.sh stop     stop the demo's cluster
# The cluster keeps running after the demo so that you can explore it with
# the psql command the demo prints at the end.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PGJ_ROOT"

if [ "${1:-}" = stop ]; then
    stop_cluster
    say "stopped the demo cluster in $PGJ_CLUSTER"
    exit 0
fi

ensure_packages
build_and_install
start_cluster

createdb journey_demo
psql -X -q -v ON_ERROR_STOP=1 -d journey_demo -f scripts/demo.sql

cat <<MSG

The demo database keeps running. Explore it with:
    psql -h $PGHOST -p $PGPORT -U postgres journey_demo
Stop it with:
    bash scripts/demo.sh stop
MSG
