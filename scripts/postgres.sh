#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, on 127.0.0.1 only.
# Installs PostgreSQL from Debian's packages when the machine has none, starts a cluster of
# its own in a temporary folder (idempotent), and prints the connection URL.
set -euo pipefail
PORT="${LOYALIST_PGPORT:-54329}"
DATA="${LOYALIST_PGDATA:-/tmp/loyalist-pgdata}"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing PostgreSQL (Debian packages)..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

# PostgreSQL refuses to run as root: use the postgres account then.
RUN=()
if [ "$(id -u)" -eq 0 ]; then RUN=(runuser -u postgres --); fi

if ! "${RUN[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$DATA"; fi
  "${RUN[@]}" "$BIN/initdb" -D "$DATA" -A trust -U loyalist >/dev/null
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
echo "postgresql://loyalist@127.0.0.1:$PORT/postgres"
