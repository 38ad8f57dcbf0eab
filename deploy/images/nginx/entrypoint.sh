#!/bin/sh
# The official nginx image's start, in brief: with NGINX_ENTRYPOINT_LOCAL_RESOLVERS set,
# NGINX_LOCAL_RESOLVERS holds the nameserver of /etc/resolv.conf; each
# /etc/nginx/templates/*.template is written to /etc/nginx/conf.d/ with that variable
# filled in (and no other: nginx's own $variables stay as they are).
# One difference: the first nameserver only. Docker lists its embedded DNS alone;
# podman lists the network's aardvark-dns and then the host's, and nginx asks its
# resolvers in turn and takes the host's "not found" for `web` as the answer.
set -eu
if [ -n "${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ]; then
    NGINX_LOCAL_RESOLVERS="$(awk '/^nameserver/ { if ($2 ~ ":") print "[" $2 "]"; else print $2; exit }' /etc/resolv.conf)"
    export NGINX_LOCAL_RESOLVERS
fi
for template in /etc/nginx/templates/*.template; do
    [ -e "$template" ] || continue
    target="/etc/nginx/conf.d/$(basename "$template" .template)"
    envsubst '${NGINX_LOCAL_RESOLVERS}' < "$template" > "$target"
done
exec "$@"
