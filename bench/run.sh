#!/usr/bin/env bash
# pg_journey benchmarks: each function family against PostgreSQL's own
# floors and the SQL a user would write instead.
#
#   bash bench/run.sh [--scale S] [--runs N] [--workers W] [--work-mem M] [--shape sample|uniform]
#                     [--events-per-customer K] [--clickhouse]
#
# --scale 1 (the default) is one million sample customers, about 9.6
# million events.  --shape uniform draws K (default 10) times as many
# events instead, each for a customer, a touchpoint (of five, one a
# purchase) and a time in 30 days drawn uniformly at random (with a fixed
# seed): --scale 0.02 --events-per-customer 100 is the clickstream-like
# shape of 2M events over 20,000 customers.  Without PGHOST, the test command's throwaway cluster is
# built and started (and stopped afterwards).  Every contender is first
# checked to return the same rows as ours; then, in one session, each query
# gets a warm-up run and N timed runs, the contenders of a family
# alternating.  The table shows the median, min and max seconds and the
# ratio of the median to the bare GROUP BY count.  --clickhouse then runs
# bench/clickhouse.sh on the same events.

set -euo pipefail
scale=1
runs=5
workers=0
work_mem=1GB
shape=sample
per_customer=10
clickhouse=
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --workers) workers=$2; shift 2 ;;
        --work-mem) work_mem=$2; shift 2 ;;
        --shape) shape=$2; shift 2 ;;
        --events-per-customer) per_customer=$2; shift 2 ;;
        --clickhouse) clickhouse=1; shift ;;
        *) echo "unknown option $1 (see the comment at the top of bench/run.sh)" >&2; exit 2 ;;
    esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -z "${PGHOST:-}" ]; then
    source "$here/../scripts/lib.sh"
    ensure_packages
    build_and_install
    start_cluster
    trap stop_cluster EXIT
fi
export PGDATABASE=journey_bench
customers=$(awk -v s="$scale" 'BEGIN { n = int(1000000 * s); print (n < 1 ? 1 : n) }')

psql -X -q -d postgres -c 'SET client_min_messages = warning' \
    -c 'DROP DATABASE IF EXISTS journey_bench' -c 'CREATE DATABASE journey_bench'
psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION pg_journey;
CREATE TABLE events AS SELECT * FROM journey.sample_events(CASE WHEN '$shape' = 'sample' THEN $customers ELSE 0 END, 42);
DO \$\$ BEGIN PERFORM setseed(0.42); END \$\$;
INSERT INTO events
    SELECT 1 + (random() * ($customers - 1))::bigint,
           '2026-03-01'::timestamptz + random() * interval '30 days', t.name, t.channel, t.medium, t.stage,
           CASE WHEN t.stage = 'purchase' THEN 50 END
    FROM (SELECT i, floor(random() * 5)::integer AS kind FROM generate_series(1, $per_customer * $customers) AS i) AS r
    JOIN (SELECT k - 1 AS kind, tp.*
            FROM unnest(ARRAY['search_ad', 'webinar', 'pricing_page', 'checkout', 'customer_newsletter']) WITH ORDINALITY AS n (name, k)
            JOIN journey.touchpoint AS tp USING (name)) AS t USING (kind)
    WHERE '$shape' = 'uniform';
-- One row per distinct path to a first purchase, for the data-driven models.
CREATE TABLE paths AS
    SELECT path, count(*) FILTER (WHERE bought) AS conversions, count(*) FILTER (WHERE NOT bought) AS nulls
    FROM (SELECT journey.path_to(occurred_at, channel, revenue IS NOT NULL) AS path, bool_or(revenue IS NOT NULL) AS bought
            FROM events GROUP BY customer_id) AS p
    GROUP BY path;
VACUUM ANALYZE events, paths;
-- The lateral-join funnel is hopeless without an index, so it gets a copy
-- with one.  The rest read the unindexed table: with the index, the
-- array_agg(ts) floor would become an index-only scan of two columns,
-- which no aggregate that reads more columns can use.
CREATE TABLE events_indexed AS SELECT * FROM events;
CREATE INDEX events_indexed_customer_time ON events_indexed (customer_id, occurred_at);
VACUUM ANALYZE events_indexed;
SQL
rows=$(psql -X -At -c 'SELECT count(*) FROM events')

# name | family | SQL producing (customer_id, value); the first of each
# family is ours, the others must return the same rows.
queries=(
"floor: count|floor|SELECT customer_id, count(*) FROM events GROUP BY 1"
"floor: array_agg(ts)|floor|SELECT customer_id, cardinality(array_agg(occurred_at)) FROM events GROUP BY 1"
"window_funnel, 4 steps, 7 days|funnel|SELECT customer_id, journey.window_funnel('7 days', occurred_at, stage = 'awareness', stage = 'consideration', revenue IS NOT NULL, stage = 'retention') FROM events GROUP BY 1"
"  SQL: lateral joins|funnel|SELECT c.customer_id, coalesce(max(CASE WHEN s1.customer_id IS NOT NULL THEN 1 + (s2.t IS NOT NULL)::int + (s3.t IS NOT NULL)::int + (s4.t IS NOT NULL)::int END), 0) FROM (SELECT DISTINCT customer_id FROM events_indexed) AS c LEFT JOIN events_indexed AS s1 ON s1.customer_id = c.customer_id AND s1.stage = 'awareness' LEFT JOIN LATERAL (SELECT min(occurred_at) AS t FROM events_indexed AS e WHERE e.customer_id = s1.customer_id AND e.stage = 'consideration' AND e.occurred_at BETWEEN s1.occurred_at AND s1.occurred_at + interval '7 days') AS s2 ON true LEFT JOIN LATERAL (SELECT min(occurred_at) AS t FROM events_indexed AS e WHERE e.customer_id = s1.customer_id AND e.revenue IS NOT NULL AND e.occurred_at BETWEEN s2.t AND s1.occurred_at + interval '7 days') AS s3 ON true LEFT JOIN LATERAL (SELECT min(occurred_at) AS t FROM events_indexed AS e WHERE e.customer_id = s1.customer_id AND e.stage = 'retention' AND e.occurred_at BETWEEN s3.t AND s1.occurred_at + interval '7 days') AS s4 ON true GROUP BY 1"
"touches_before|touches|SELECT customer_id, journey.touches_before(occurred_at, revenue IS NOT NULL) FROM events GROUP BY 1"
"  SQL: first purchase join|touches|SELECT e.customer_id, count(*) FILTER (WHERE e.occurred_at < f.t)::integer FROM events AS e LEFT JOIN (SELECT customer_id, min(occurred_at) AS t FROM events WHERE revenue IS NOT NULL GROUP BY 1) AS f USING (customer_id) GROUP BY e.customer_id, f.t HAVING f.t IS NOT NULL UNION ALL SELECT customer_id, NULL FROM events GROUP BY 1 HAVING bool_and(revenue IS NULL)"
"path (channels, no collapse)|path|SELECT customer_id, journey.path(occurred_at, channel, 1000, false) FROM events GROUP BY 1"
"  SQL: array_agg ORDER BY|path|SELECT customer_id, array_agg(channel ORDER BY occurred_at, channel) FROM events GROUP BY 1"
"retention|retention|SELECT customer_id, journey.retention(stage = 'awareness', revenue IS NOT NULL, stage = 'retention') FROM events GROUP BY 1"
"  SQL: bool_or|retention|SELECT customer_id, ARRAY[bool_or(stage = 'awareness'), bool_or(stage = 'awareness') AND bool_or(revenue IS NOT NULL), bool_or(stage = 'awareness') AND bool_or(stage = 'retention')] FROM events GROUP BY 1"
"sequence_match (?1).*(?2)|sequence|SELECT customer_id, journey.sequence_match('(?1).*(?2)', occurred_at, touchpoint = 'webinar', revenue IS NOT NULL) FROM events GROUP BY 1"
"  SQL: EXISTS self-join|sequence|SELECT c.customer_id, EXISTS (SELECT FROM events_indexed AS w JOIN events_indexed AS p ON p.customer_id = w.customer_id AND p.occurred_at > w.occurred_at AND p.revenue IS NOT NULL WHERE w.customer_id = c.customer_id AND w.touchpoint = 'webinar') FROM (SELECT DISTINCT customer_id FROM events_indexed) AS c"
"sequence_match (?1).*(?t<=7d)(?2)|sequence|SELECT customer_id, journey.sequence_match('(?1).*(?t<=7d)(?2)', occurred_at, touchpoint = 'webinar', revenue IS NOT NULL) FROM events GROUP BY 1"
"  SQL: EXISTS self-join, 7 days|sequence|SELECT c.customer_id, EXISTS (SELECT FROM events_indexed AS w JOIN events_indexed AS p ON p.customer_id = w.customer_id AND p.occurred_at > w.occurred_at AND p.occurred_at <= w.occurred_at + interval '7 days' AND p.revenue IS NOT NULL WHERE w.customer_id = c.customer_id AND w.touchpoint = 'webinar') FROM (SELECT DISTINCT customer_id FROM events_indexed) AS c"
"sequence_next_node after the first webinar|next_node|SELECT customer_id, journey.sequence_next_node('forward', 'first_match', occurred_at, touchpoint, true, touchpoint = 'webinar') FROM events GROUP BY 1"
"  SQL: lead() OVER|next_node|SELECT customer_id, (array_agg(next ORDER BY occurred_at, touchpoint COLLATE \"C\") FILTER (WHERE touchpoint = 'webinar'))[1] FROM (SELECT customer_id, occurred_at, touchpoint, lead(touchpoint) OVER (PARTITION BY customer_id ORDER BY occurred_at, touchpoint COLLATE \"C\") AS next FROM events) AS n GROUP BY 1"
"attribution position_based (per customer)|attribution|SELECT customer_id, cardinality(journey.attribution('position_based', occurred_at, channel, revenue IS NOT NULL)) FROM events GROUP BY 1"
"building the path rows (path_to, GROUP BY path)|attribution|SELECT 1, count(*) FROM (SELECT path, count(*) FILTER (WHERE bought), count(*) FILTER (WHERE NOT bought) FROM (SELECT journey.path_to(occurred_at, channel, revenue IS NOT NULL) AS path, bool_or(revenue IS NOT NULL) AS bought FROM events GROUP BY customer_id) AS p GROUP BY path) AS r"
"markov_attribution over the path rows|attribution|SELECT 1, cardinality(journey.markov_attribution(path, conversions, nulls)) FROM paths"
"markov_attribution, order 2|attribution|SELECT 1, cardinality(journey.markov_attribution(path, conversions, nulls, 2)) FROM paths"
"sessionize (max session)|session|SELECT customer_id, max(s) FROM (SELECT customer_id, journey.sessionize(occurred_at, '30 minutes') OVER (PARTITION BY customer_id ORDER BY occurred_at) AS s FROM events) AS x GROUP BY 1"
"  SQL: lag() + sum() OVER|session|SELECT customer_id, max(s) FROM (SELECT customer_id, sum(new::int) OVER (PARTITION BY customer_id ORDER BY occurred_at) AS s FROM (SELECT customer_id, occurred_at, coalesce(occurred_at - lag(occurred_at) OVER (PARTITION BY customer_id ORDER BY occurred_at) > interval '30 minutes', true) AS new FROM events) AS y) AS x GROUP BY 1"
)

# UTC: the SQL contenders add interval '7 days', which must be 168 hours
settings="SET max_parallel_workers_per_gather = $workers; SET work_mem = '$work_mem'; SET jit = off; SET timezone = 'UTC';"

# Same answers, or the benchmark is worthless.
ours=""
for entry in "${queries[@]}"; do
    IFS='|' read -r name family sql <<<"$entry"
    if [ "$family" = floor ]; then continue; fi
    if [[ "$name" != "  "* ]]; then ours=$sql; continue; fi
    differ=$(psql -X -At -c "$settings" -c "SELECT count(*) FROM (($ours) EXCEPT ALL ($sql)) AS a" \
             -c "SELECT count(*) FROM (($sql) EXCEPT ALL ($ours)) AS b" | tail -n 2 | awk '{ s += $1 } END { print s }')
    if [ "$differ" != 0 ]; then
        echo "bench: \"${name# *}\" ($family) differs from ours in $differ rows" >&2
        exit 1
    fi
done

# One session: a warm-up, then the runs, alternating within each family.
script=$(mktemp)
{
    echo "$settings"
    echo '\timing on'
    for family in $(for entry in "${queries[@]}"; do IFS='|' read -r _ fam _ <<<"$entry"; echo "$fam"; done | awk '!seen[$0]++'); do
        for round in $(seq 0 "$runs"); do
            for entry in "${queries[@]}"; do
                IFS='|' read -r name fam sql <<<"$entry"
                [ "$fam" = "$family" ] || continue
                echo "\\echo 'RUN|$name|$round'"
                echo "SELECT count(*) FROM ($sql) AS q (customer_id, value) WHERE value IS NOT NULL OR value IS NULL;"
            done
        done
    done
} >"$script"
psql -X -q -f "$script" 2>&1 | awk '
    /^RUN\|/ { split($0, f, "|"); name = f[2]; round = f[3]; next }
    /^Time: / { if (round > 0) print name "|" $2 / 1000 }' >"$script.times"

floor=$(awk -F'|' '$1 == "floor: count" { print $2 }' "$script.times" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo
echo "pg_journey bench: $customers customers ($shape), $rows events, $workers parallel workers, work_mem $work_mem, $runs runs each"
echo "($(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, $(psql -X -At -c 'SHOW server_version'))"
echo
echo "| query | median s | min s | max s | × bare count |"
echo "|---|---|---|---|---|"
for entry in "${queries[@]}"; do
    IFS='|' read -r name family sql <<<"$entry"
    awk -F'|' -v n="$name" '$1 == n { print $2 }' "$script.times" | sort -g |
        awk -v n="$name" -v floor="$floor" '{ a[NR] = $1 } END {
            m = a[int((NR + 1) / 2)];
            printf "| %s | %.3f | %.3f | %.3f | %.2f |\n", n, m, a[1], a[NR], m / floor }'
done
rm -f "$script" "$script.times"
if [ -n "$clickhouse" ]; then
    bash "$here/clickhouse.sh" --runs "$runs"
fi
