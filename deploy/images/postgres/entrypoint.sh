#!/bin/sh
# The official postgres image's first-start behaviour, in brief: as root, hand the data
# folder to postgres and start again as postgres; on an empty PGDATA, initdb with
# POSTGRES_USER and POSTGRES_PASSWORD (scram-sha-256 over the network), create
# POSTGRES_DB, run /docker-entrypoint-initdb.d/*.sh against a server listening on its
# socket only; then run the command.
set -eu
if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA" /var/run/postgresql
    chown -R postgres:postgres "$PGDATA" /var/run/postgresql
    chmod 700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ "${1:-}" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
    POSTGRES_USER="${POSTGRES_USER:-postgres}"
    POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
    export POSTGRES_USER POSTGRES_DB
    password_file="$(mktemp)"
    printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
    initdb --username="$POSTGRES_USER" --pwfile="$password_file" --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --pgdata="$PGDATA"
    rm -f "$password_file"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    # In the file, as the official image has it: a replica's base backup copies it.
    echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
    pg_ctl --pgdata="$PGDATA" --options="-c listen_addresses=''" --wait start
    if [ "$POSTGRES_DB" != postgres ]; then
        psql --username="$POSTGRES_USER" --dbname=postgres -v ON_ERROR_STOP=1 \
            --command="CREATE DATABASE \"$POSTGRES_DB\""
    fi
    for script in /docker-entrypoint-initdb.d/*.sh; do
        [ -e "$script" ] || continue
        echo "running $script"
        . "$script"
    done
    pg_ctl --pgdata="$PGDATA" --mode=fast --wait stop
fi
if [ "${1:-}" = postgres ]; then
    shift
    exec postgres "$@"
fi
exec "$@"
