#!/usr/bin/env bash
# The whole pg_journey test suite, from a fresh machine:
#   bash scripts/test.sh
# Installs what is missing (apt-get), builds with -Werror, installs, runs
# the C unit tests and a fuzz smoke run, starts a throwaway cluster, runs
# pg_regress (make installcheck), a smoke run of the benchmarks and pgTAP
# (pg_prove), then stops the cluster.  Exits non-zero on any failure; the
# last lines are pg_prove's summary.
#
# With --sanitize (make sanitizecheck) the extension is built with
# AddressSanitizer and UndefinedBehaviorSanitizer and the server runs with
# the ASan runtime preloaded (leak detection off: memory the server keeps
# for its lifetime is not a leak; test/memory.sql checks that queries do
# not grow memory).  The first report aborts the backend; any report fails
# the run, and the normal build is installed again afterwards.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PGJ_ROOT"

sanitize=
[ "${1:-}" = --sanitize ] && sanitize=1

ensure_packages test
if [ -n "$sanitize" ]; then
    make -s clean
    build_and_install SANITIZE=1
    # The runtime must come first; test/sanitize/no_gettext.c says why the
    # second library is there.  Both live where the server user can read.
    sanitize_dir=$(mktemp -d /tmp/pg_journey-sanitize.XXXXXX)
    chmod 755 "$sanitize_dir"
    gcc -shared -fPIC -O2 -o "$sanitize_dir/no_gettext.so" test/sanitize/no_gettext.c
    asan_runtime=$(gcc -print-file-name=libasan.so)
    export PGJ_SERVER_ENV="LD_PRELOAD=$asan_runtime:$sanitize_dir/no_gettext.so
        ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:log_path=$PGJ_CLUSTER/asan
        UBSAN_OPTIONS=print_stacktrace=1"
    trap 'stop_cluster; rm -rf "$sanitize_dir"; make -s clean; build_and_install' EXIT
else
    build_and_install
fi

say "C unit tests"
make -s PG_CONFIG="$PG_CONFIG" unitcheck

# A few seconds of each libFuzzer harness (make fuzz runs them longer).
say "fuzz smoke run"
make -s PG_CONFIG="$PG_CONFIG" fuzz FUZZ_SECONDS=3

# pg_cron runs its jobs in the pgTAP database (test/reports.sql schedules one)
start_cluster journey_test
[ -n "$sanitize" ] || trap stop_cluster EXIT
if [ -n "$sanitize" ] && ! grep -q libasan "/proc/$(head -n 1 "$PGJ_CLUSTER/data/postmaster.pid")/maps"; then
    echo "the server runs without the AddressSanitizer runtime" >&2
    exit 1
fi

say "pg_regress"
if ! make -s PG_CONFIG="$PG_CONFIG" installcheck; then
    [ -f regression.diffs ] && cat regression.diffs
    exit 1
fi

# The benchmark harness, tiny, so that it cannot rot (its numbers mean
# nothing at this size; bench/run.sh says how to run it for real).
say "bench smoke run"
bash bench/run.sh --scale 0.005 --runs 1

# pgTAP runs in a database restored from a pg_dump of another one, so the
# dump/restore tests (test/dump_restore.sql) check what came through.
say "pg_dump of test/fixtures/dump_source.sql restored into journey_test"
createdb journey_dump_source
psql -X -q -v ON_ERROR_STOP=1 -d journey_dump_source -f test/fixtures/dump_source.sql >/dev/null
createdb journey_test
pg_dump -d journey_dump_source | psql -X -q -v ON_ERROR_STOP=1 -d journey_test >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d journey_test -c 'CREATE EXTENSION pgtap' -f test/fixtures/helpers.sql

say "pgTAP"
pg_prove --ext .sql -d journey_test test/*.sql
if [ -n "$sanitize" ] && { grep -E "runtime error:|AddressSanitizer" "$PGJ_CLUSTER/server.log" \
                              || cat "$PGJ_CLUSTER"/asan.* 2>/dev/null | grep .; }; then
    echo "sanitizer reports (above)" >&2
    exit 1
fi
