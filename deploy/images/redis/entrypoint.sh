#!/bin/sh
# redis-server with whatever the compose file says, then: on all interfaces, without
# protected mode (the official image is built that way).
set -eu
if [ "${1:-}" = redis-server ]; then
    exec "$@" --bind "* -::*" --protected-mode no
fi
exec "$@"
