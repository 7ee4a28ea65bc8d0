#!/usr/bin/env bash
# pg_journey against ClickHouse: the same events, windowFunnel, retention
# and sequenceMatch against window_funnel, retention and sequence_match.
#
#   bash bench/clickhouse.sh [--runs N]
#
# Run by bench/run.sh --clickhouse, after it has loaded the events into
# the PostgreSQL database in PG* variables.  Installs clickhouse-server
# with apt-get when it is missing, starts a throwaway server on the
# loopback address (ports 19000 and 18123, data in a temporary directory),
# copies the events into it, compares each query's answers with ours, then
# times each pair alternately (PostgreSQL, ClickHouse, ...) from the shell,
# client start-up included on both sides (ClickHouse's client also receives
# and discards the rows), and prints a markdown table.

set -euo pipefail
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        *) echo "unknown option $1 (see the comment at the top of bench/clickhouse.sh)" >&2; exit 2 ;;
    esac
done

if ! command -v clickhouse-server >/dev/null 2>&1; then
    echo "==> installing clickhouse-server and clickhouse-client with apt-get" >&2
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q clickhouse-server clickhouse-client >/dev/null
fi

home=$(mktemp -d)
chmod 755 "$home"
mkdir -p "$home/log" "$home/data"
sed -e "s|/var/log/clickhouse-server/|$home/log/|" -e "s|/var/lib/clickhouse/|$home/data/|g" \
    -e 's|<http_port>8123|<http_port>18123|' -e 's|<tcp_port>9000|<tcp_port>19000|' \
    -e 's|<interserver_http_port>9009|<interserver_http_port>19009|' \
    -e 's|<listen_host>::1</listen_host>||' \
    -e 's|</yandex>|<timezone>UTC</timezone></yandex>|' \
    /etc/clickhouse-server/config.xml >"$home/config.xml"
cp /etc/clickhouse-server/users.xml "$home/users.xml"
clickhouse-server --config-file="$home/config.xml" >"$home/server.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$home"' EXIT
ch() { clickhouse-client --port 19000 "$@"; }
for _ in $(seq 50); do ch --query 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done

echo "==> copying the events into ClickHouse $(ch --query 'SELECT version()')" >&2
ch --query 'DROP TABLE IF EXISTS events'
ch --query 'CREATE TABLE events (customer_id UInt64, occurred_at DateTime, touchpoint String,
                                 stage String, revenue Nullable(Float64))
            ENGINE = MergeTree ORDER BY (customer_id, occurred_at)'
psql -X -q -c "COPY (SELECT customer_id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),
                            touchpoint, stage::text, revenue FROM events) TO STDOUT" |
    ch --query 'INSERT INTO events FORMAT TabSeparated'

# name | ours | ClickHouse's; each gives (customer_id, value), compared as text
queries=(
"windowFunnel, 4 steps, 7 days|SELECT customer_id, journey.window_funnel('7 days', occurred_at, stage = 'awareness', stage = 'consideration', revenue IS NOT NULL, stage = 'retention') FROM events GROUP BY 1|SELECT customer_id, windowFunnel(604800)(occurred_at, stage = 'awareness', stage = 'consideration', isNotNull(revenue), stage = 'retention') FROM events GROUP BY customer_id"
"retention, 3 conditions|SELECT customer_id, journey.retention(stage = 'awareness', revenue IS NOT NULL, stage = 'retention') FROM events GROUP BY 1|SELECT customer_id, retention(stage = 'awareness', isNotNull(revenue), stage = 'retention') FROM events GROUP BY customer_id"
"sequenceMatch (?1).*(?2)|SELECT customer_id, journey.sequence_match('(?1).*(?2)', occurred_at, touchpoint = 'webinar', revenue IS NOT NULL) FROM events GROUP BY 1|SELECT customer_id, sequenceMatch('(?1).*(?2)')(occurred_at, touchpoint = 'webinar', isNotNull(revenue)) FROM events GROUP BY customer_id"
)

# ClickHouse prints booleans as 0/1 and arrays as [1,0,1]; ours as t/f and {t,f,t}
as_clickhouse_text() { sed -e 's/\bt\b/1/g' -e 's/\bf\b/0/g' -e 's/{/[/' -e 's/}/]/'; }

now() { date +%s.%N; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo
echo "| query | pg_journey median s | ClickHouse median s | ClickHouse / pg_journey | customers whose answers differ |"
echo "|---|---|---|---|---|"
for entry in "${queries[@]}"; do
    IFS='|' read -r name ours theirs <<<"$entry"
    a=$(mktemp); b=$(mktemp)
    psql -X -q -At -F $'\t' -c "SET jit = off" -c "$ours" | as_clickhouse_text | sort >"$a"
    ch --query "$theirs FORMAT TabSeparated" | sort >"$b"
    differ=$(comm -3 "$a" "$b" | cut -f1 | sort -u | wc -l)
    rm -f "$a" "$b"
    : >"$a.pg"; : >"$a.ch"
    for round in $(seq 0 "$runs"); do
        start=$(now); psql -X -q -c "SET jit = off" -c "SELECT count(*) FROM ($ours) AS q (c, v) WHERE v IS NOT NULL OR v IS NULL" >/dev/null; end=$(now)
        [ "$round" -gt 0 ] && awk -v s="$start" -v e="$end" 'BEGIN { print e - s }' >>"$a.pg"
        # the client discards the rows; a count() around it would let
        # ClickHouse skip the aggregate, which no column then needs
        start=$(now); ch --query "$theirs FORMAT Null" >/dev/null; end=$(now)
        [ "$round" -gt 0 ] && awk -v s="$start" -v e="$end" 'BEGIN { print e - s }' >>"$a.ch"
    done
    pg=$(median <"$a.pg"); chm=$(median <"$a.ch")
    rm -f "$a.pg" "$a.ch"
    awk -v n="$name" -v p="$pg" -v c="$chm" -v d="$differ" \
        'BEGIN { printf "| %s | %.3f | %.3f | %.2f | %d |\n", n, p, c, c / p, d }'
done
