#!/bin/sh
# The streaming replica: on first start, copy the primary with pg_basebackup -R
# (which writes standby.signal and primary_conninfo), then run as a hot standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    export PGPASSWORD="$REPLICATION_PASSWORD"
    until pg_basebackup --host=db --username=replicator --pgdata="$PGDATA" \
        --write-recovery-conf --wal-method=stream --checkpoint=fast --progress; do
        echo "waiting for the primary to accept a base backup…"
        rm -rf "${PGDATA:?}"/*
        sleep 2
    done
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c "shared_buffers=${POSTGRES_SHARED_BUFFERS:-1GB}"
