#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's package, version 15 where there is a choice) for the server store's tests and
# trials: data under artifacts/pg, listening on 127.0.0.1 only, port 55432 unless --port N or $NEUROSIM_PG_PORT.
#
#   build/pg.sh up [--port N]     start it (install the Debian package first when no initdb is on the machine);
#                                 prints its store address on stdout, and only that (messages go to stderr).
#                                 Already running: prints the address again.
#   build/pg.sh down              stop it (the data stays in artifacts/pg; remove the folder to start afresh)
#   build/pg.sh status            says whether it runs; exit 0 when it does
#
# Authentication: the socket and the superuser 'postgres' on 127.0.0.1 are trusted (a throwaway server for this
# machine's own tests); every other role on 127.0.0.1 must give its password (scram-sha-256), so that password
# handling can be tested against it. PostgreSQL refuses to run as root: as root we run it as the user 'postgres'.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGROOT="$ROOT/artifacts/pg"
PORT="${NEUROSIM_PG_PORT:-55432}"

say() { echo "pg: $*" >&2; }

cmd="${1:-}"; shift || true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) PORT="${2:?--port needs a number}"; shift 2 ;;
    *) say "unknown option '$1'"; exit 2 ;;
  esac
done
[[ "$PORT" =~ ^[0-9]+$ ]] || { say "port '$PORT' is not a number"; exit 2; }
ADDRESS="postgres://postgres@127.0.0.1:$PORT/postgres"

# The newest installed PostgreSQL, 15 preferred (the version the store is tested with).
find_bin() {
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return 0; fi
  local found; found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$found" && -x "$found/initdb" ]] && echo "$found"
}

install_postgres() {
  if [[ "$(id -u)" -ne 0 ]]; then say "PostgreSQL is not installed and we are not root: install the Debian package 'postgresql'"; return 1; fi
  say "installing PostgreSQL (apt-get install postgresql)..."
  # The package would create and start a cluster of its own on port 5432; we want none.
  if [[ ! -f /etc/postgresql-common/createcluster.conf ]]; then
    mkdir -p /etc/postgresql-common && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# Runs a command as the server's owner: 'postgres' when we are root, else ourselves.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

# Where the data lives: artifacts/pg, unless the 'postgres' user cannot reach it (a clone in a private folder):
# then a folder of its own under /tmp, named after this clone, which artifacts/pg/location points to.
data_root() {
  mkdir -p "$PGROOT"
  if [[ "$(id -u)" -ne 0 ]]; then echo "$PGROOT"; return; fi
  chown postgres:postgres "$PGROOT"
  if su postgres -s /bin/sh -c "test -w '$PGROOT'" 2>/dev/null; then echo "$PGROOT"; return; fi
  local alt; alt="/tmp/neurosim-pg-$(echo "$ROOT" | sha1sum | cut -c1-12)"
  mkdir -p "$alt" && chown postgres:postgres "$alt" && chmod 700 "$alt"
  echo "$alt" > "$PGROOT/location"
  echo "$alt"
}

running() { [[ -n "${BIN:-}" && -f "$DATA/postmaster.pid" ]] && as_owner "'$BIN/pg_ctl' -D '$DATA' status" >/dev/null 2>&1; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

BIN="$(find_bin || true)"
D="$( [[ -f "$PGROOT/location" ]] && cat "$PGROOT/location" || echo "$PGROOT")"
DATA="$D/data"

case "$cmd" in
  up)
    if running; then
      say "already running (data $DATA)"
      # The port it runs on, which may differ from the one asked for.
      PORT="$(sed -n 4p "$DATA/postmaster.pid")"; echo "postgres://postgres@127.0.0.1:$PORT/postgres"; exit 0
    fi
    if [[ -z "$BIN" ]]; then install_postgres || exit 1; BIN="$(find_bin || true)"; fi
    [[ -n "$BIN" ]] || { say "no PostgreSQL binaries after installing (looked in /usr/lib/postgresql/*/bin)"; exit 1; }
    if port_taken "$PORT"; then say "port $PORT on 127.0.0.1 is taken by another program; use --port N"; exit 1; fi
    D="$(data_root)"; DATA="$D/data"
    mkdir -p "$D/sock"
    [[ "$(id -u)" -eq 0 ]] && chown postgres:postgres "$D/sock"
    if [[ ! -f "$DATA/PG_VERSION" ]]; then
      say "initdb $DATA ($("$BIN/postgres" --version))"
      mkdir -p "$DATA"; chmod 700 "$DATA"
      [[ "$(id -u)" -eq 0 ]] && chown postgres:postgres "$DATA"
      as_owner "'$BIN/initdb' -D '$DATA' -U postgres -A trust -E UTF8 --no-locale" >"$D/initdb.log" 2>&1 ||
        { cat "$D/initdb.log" >&2; say "initdb failed"; exit 1; }
      as_owner "cat > '$DATA/pg_hba.conf'" <<'HBA'
# NeuroSim.Replay's throwaway test server (build/pg.sh): loopback only.
local all all                  trust
host  all postgres 127.0.0.1/32 trust
host  all all      127.0.0.1/32 scram-sha-256
HBA
    fi
    say "starting on 127.0.0.1:$PORT (data $DATA, log $D/log)"
    if ! as_owner "'$BIN/pg_ctl' -D '$DATA' -l '$D/log' -w -t 60 -o \"-p $PORT -k '$D/sock' -c listen_addresses=127.0.0.1\" start" >/dev/null; then
      tail -n 20 "$D/log" >&2 || true
      say "PostgreSQL did not start"; exit 1
    fi
    echo "$ADDRESS"
    ;;
  down)
    if running; then
      as_owner "'$BIN/pg_ctl' -D '$DATA' -m fast -w stop" >/dev/null
      say "stopped (data kept in $DATA)"
    else
      say "not running"
    fi
    ;;
  status)
    if running; then say "running: postgres://postgres@127.0.0.1:$(sed -n 4p "$DATA/postmaster.pid")/postgres (data $DATA)"; else say "not running"; exit 1; fi
    ;;
  *)
    say "usage: build/pg.sh up [--port N] | down | status"; exit 2 ;;
esac
