#!/usr/bin/env bash
# A PgBouncer in transaction mode in front of the machine's Postgres, as production runs it (docs/architecture.md
# §2): CI sends the application's connections through it so that the suite counts what a pooler lets
# commit. Debian's pgbouncer refuses to run as root, so it runs as the postgres user from a scratch folder.
#
#   bash scripts/pgbouncer.sh start <dir> <port> [server-port]   writes <dir>/pgbouncer.ini, starts, waits
#   bash scripts/pgbouncer.sh stop <dir>                          stops the one started from <dir>
set -euo pipefail

# Small on purpose: twenty client connections share these few server connections, so a statement that
# outlives its transaction (a prepared statement, a session SET) lands on the wrong backend at once.
POOL_SIZE=4

command="${1:?usage: pgbouncer.sh start <dir> <port> [server-port] | stop <dir>}"
dir="${2:?the scratch folder}"

case "$command" in
  start)
    port="${3:?the port to listen on}"
    server_port="${4:-5432}"
    if [ ! -x /usr/sbin/pgbouncer ]; then
      echo "pgbouncer is not installed (Debian: apt-get install pgbouncer)" >&2
      exit 1
    fi
    mkdir -p "$dir"
    # The machine's Postgres trusts local connections; the pooler does the same and only needs to know
    # which users exist (auth_file).
    printf '"%s" ""\n' emr_app postgres >"$dir/userlist.txt"
    cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=127.0.0.1 port=$server_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = $POOL_SIZE
max_client_conn = 500
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
    chown -R postgres "$dir"
    runuser -u postgres -- /usr/sbin/pgbouncer -d -q "$dir/pgbouncer.ini"
    for _ in $(seq 1 50); do
      pg_isready -h 127.0.0.1 -p "$port" -q && exit 0
      sleep 0.2
    done
    echo "pgbouncer did not start on port $port; its log:" >&2
    cat "$dir/pgbouncer.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -f "$dir/pgbouncer.pid" ]; then kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true; fi
    ;;
  *)
    echo "unknown command: $command" >&2
    exit 2
    ;;
esac
