#!/usr/bin/env bash
# The reverse-proxy example (deploy/nginx.conf, as `make dist` ships it) started in front of two
# instances of the server, for the proxy's browser test (scripts/proxy-test.sh) and the release
# rush behind it (server/examples/release_rush --proxy):
#
#   bash scripts/nginx-example.sh DIR A B HTTP HTTPS
#
# A and B are the instances' ports, HTTP and HTTPS nginx's. The caller puts the certificate and
# its key in DIR/cert.pem and DIR/key.pem. The example is used as it is but for its ports and
# certificate paths (and its second upstream line, commented out there, switched on). nginx runs
# in the foreground of a background job; its pid is in DIR/nginx.pid, its logs in DIR. Waits until
# /health answers through it. NGINX_WORKERS (1) and NGINX_CONNECTIONS (512 a worker) size it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
[ $# -eq 5 ] || die "usage: $0 DIR A B HTTP HTTPS"
DIR="$1" a="$2" b="$3" http="$4" https="$5"

NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || die "nginx is missing (scripts/setup.sh test installs it)"

sed -e "s|127.0.0.1:3000;|127.0.0.1:$a;|" \
  -e "s|# server 127.0.0.1:3001;.*|server 127.0.0.1:$b;|" \
  -e "s|listen 80;|listen 127.0.0.1:$http;|" -e "s|listen \[::\]:80;||" \
  -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https ssl http2;|" -e "s|listen \[::\]:443 ssl http2;||" \
  -e "s|/etc/letsencrypt/live/interviews.example.org/fullchain.pem|$DIR/cert.pem|" \
  -e "s|/etc/letsencrypt/live/interviews.example.org/privkey.pem|$DIR/key.pem|" \
  deploy/nginx.conf >"$DIR/site.conf"
grep -q "server 127.0.0.1:$b;" "$DIR/site.conf" && grep -q "$DIR/key.pem" "$DIR/site.conf" \
  || die "deploy/nginx.conf changed shape: update the templating in scripts/nginx-example.sh"
mkdir -p "$DIR/nginx-temp"
cat >"$DIR/nginx-main.conf" <<CONF
$([ "$(id -u)" = 0 ] && echo "user root;")
worker_processes ${NGINX_WORKERS:-1};
worker_rlimit_nofile $(( 4 * ${NGINX_CONNECTIONS:-512} ));
daemon off;
pid $DIR/nginx.pid.file;
error_log $DIR/nginx-error.log warn;
events { worker_connections ${NGINX_CONNECTIONS:-512}; }
http {
  log_format upstream '\$upstream_addr \$status \$request';
  access_log $DIR/nginx-access.log upstream;
  client_body_temp_path $DIR/nginx-temp/body;
  proxy_temp_path $DIR/nginx-temp/proxy;
  fastcgi_temp_path $DIR/nginx-temp/fastcgi;
  uwsgi_temp_path $DIR/nginx-temp/uwsgi;
  scgi_temp_path $DIR/nginx-temp/scgi;
  include /etc/nginx/mime.types;
  include $DIR/site.conf;
}
CONF
"$NGINX" -t -q -p "$DIR" -c "$DIR/nginx-main.conf" || die "nginx refuses the example"
"$NGINX" -p "$DIR" -c "$DIR/nginx-main.conf" </dev/null >/dev/null 2>&1 &
echo $! >"$DIR/nginx.pid"
answers "https://127.0.0.1:$https/health" 10 || die "nginx did not answer on https://127.0.0.1:$https/health"
