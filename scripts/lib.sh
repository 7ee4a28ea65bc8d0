# Shared by scripts/demo.sh and scripts/test.sh (sourced, not run):
# install what is missing, build and install pg_journey, and run a
# throwaway PostgreSQL cluster of its own.
#
# Settings (environment):
#   PG_MAJOR   PostgreSQL major version to build against (default 15)
#   PGJ_PORT   port of the throwaway cluster (default: the first free port
#              from 54329 on)

set -euo pipefail

PG_MAJOR=${PG_MAJOR:-15}
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
PG_CONFIG=$PG_BIN/pg_config
PGJ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '==> %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }

as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        say "needs root: $*"
        return 1
    fi
}

# The server refuses to run as root: as root, run it as the postgres user.
as_server_user() {
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# ensure_packages [test]: apt-get install whatever the build (and, with
# "test", the test suite) needs and this machine lacks.
ensure_packages() {
    local missing=()
    [ -x "$PG_BIN/postgres" ] || missing+=("postgresql-$PG_MAJOR")
    [ -x "$PG_CONFIG" ] && [ -f "/usr/include/postgresql/$PG_MAJOR/server/postgres.h" ] \
        || missing+=("postgresql-server-dev-$PG_MAJOR")
    command -v make >/dev/null 2>&1 || missing+=(make)
    command -v gcc >/dev/null 2>&1 || missing+=(gcc)
    [ -f /usr/include/stdio.h ] || missing+=(libc6-dev)
    if [ "${1:-}" = test ]; then
        [ -f "/usr/share/postgresql/$PG_MAJOR/extension/pgtap.control" ] \
            || missing+=("postgresql-$PG_MAJOR-pgtap")
        command -v pg_prove >/dev/null 2>&1 || missing+=(libtap-parser-sourcehandler-pgtap-perl)
        [ -f "/usr/share/postgresql/$PG_MAJOR/extension/pg_cron.control" ] \
            || missing+=("postgresql-$PG_MAJOR-cron")
        # libFuzzer: clang and its fuzzer runtime
        command -v clang >/dev/null 2>&1 || missing+=(clang)
        compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a" >/dev/null \
            || missing+=(libclang-rt-dev)
    fi
    [ ${#missing[@]} -eq 0 ] && return 0

    say "installing with apt-get: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build_and_install [make variables...], e.g. SANITIZE=1
build_and_install() {
    say "building pg_journey against PostgreSQL $PG_MAJOR"
    make -s -C "$PGJ_ROOT" PG_CONFIG="$PG_CONFIG" WERROR=1 "$@"
    as_root make -s -C "$PGJ_ROOT" PG_CONFIG="$PG_CONFIG" "$@" install >/dev/null
}

# The cluster lives in .cluster/ of the checkout.  When the postgres user
# cannot reach the checkout (a clone under /root, say) or the path is too
# long for a Unix socket, it lives in /tmp under a name derived from the
# checkout, so each checkout still has exactly one.
cluster_dir() {
    local dir="$PGJ_ROOT/.cluster"
    if { is_root && ! runuser -u postgres -- sh -c 'cd "$1"' _ "$PGJ_ROOT" 2>/dev/null; } \
        || [ ${#dir} -gt 80 ]; then
        dir="/tmp/pg_journey-cluster-$(printf '%s' "$PGJ_ROOT" | md5sum | cut -c1-12)"
    fi
    printf '%s\n' "$dir"
}

PGJ_CLUSTER=$(cluster_dir)

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first port from 54329 on that nothing listens on, unless PGJ_PORT says.
choose_port() {
    local port
    if [ -n "${PGJ_PORT:-}" ]; then
        printf '%s\n' "$PGJ_PORT"
        return
    fi
    for port in $(seq 54329 54399); do
        if ! port_in_use "$port"; then
            printf '%s\n' "$port"
            return
        fi
    done
    say "no free port between 54329 and 54399; set PGJ_PORT"
    return 1
}

stop_cluster() {
    if [ -f "$PGJ_CLUSTER/data/postmaster.pid" ]; then
        as_server_user "$PG_BIN/pg_ctl" -D "$PGJ_CLUSTER/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
}

# start_cluster [cron_database]: a fresh cluster (the previous one of this
# checkout is stopped and wiped), listening on the loopback address and on
# a socket in its own directory; connection settings are exported as PG*
# variables.  With a database name, pg_cron is preloaded and runs its jobs
# there (in background workers, so it needs no password).
start_cluster() {
    stop_cluster
    PGJ_PORT=$(choose_port)
    rm -rf "$PGJ_CLUSTER"
    mkdir -p "$PGJ_CLUSTER/socket"
    is_root && chown -R postgres: "$PGJ_CLUSTER"
    chmod 700 "$PGJ_CLUSTER"

    say "starting a throwaway cluster in $PGJ_CLUSTER on port $PGJ_PORT"
    as_server_user "$PG_BIN/initdb" -D "$PGJ_CLUSTER/data" -U postgres -E UTF8 \
        --locale=C.UTF-8 -A trust >"$PGJ_CLUSTER/initdb.log" 2>&1 \
        || { cat "$PGJ_CLUSTER/initdb.log" >&2; return 1; }
    as_server_user sh -c 'cat >> "$1"' _ "$PGJ_CLUSTER/data/postgresql.conf" <<EOF
# throwaway cluster of pg_journey's demo and test commands
port = $PGJ_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGJ_CLUSTER/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_parallel_workers_per_gather = 2
EOF
    if [ -n "${1:-}" ]; then
        as_server_user sh -c 'cat >> "$1"' _ "$PGJ_CLUSTER/data/postgresql.conf" <<EOF
shared_preload_libraries = 'pg_cron'
cron.database_name = '$1'
cron.use_background_workers = on
max_worker_processes = 16
EOF
    fi
    # Only the local socket, in a directory only the server user can open,
    # logs in without a password; set one to connect over TCP.
    as_server_user sh -c 'cat > "$1"' _ "$PGJ_CLUSTER/data/pg_hba.conf" <<EOF
local   all   all                  trust
host    all   all   127.0.0.1/32   scram-sha-256
EOF
    # PGJ_SERVER_ENV: variables for the server only (the sanitizer runtime)
    as_server_user env ${PGJ_SERVER_ENV:-} "$PG_BIN/pg_ctl" -D "$PGJ_CLUSTER/data" -l "$PGJ_CLUSTER/server.log" \
        -w start >/dev/null || { tail -n 20 "$PGJ_CLUSTER/server.log" >&2; return 1; }

    export PGHOST="$PGJ_CLUSTER/socket" PGPORT="$PGJ_PORT" PGUSER=postgres PGDATABASE=postgres
    export PATH="$PG_BIN:$PATH"
}
