#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster for the database tests on a free port.
# Prints its URL on the first line and the command that stops it on the second.
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -n | tail -n1)
bin=/usr/lib/postgresql/$ver/bin
dir=$(mktemp -d /tmp/pac-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$(id -u)" = "0" ]; then
  chown postgres "$dir"
  as_pg() { su postgres -c "$1"; }
else
  as_pg() { bash -c "$1"; }
fi
as_pg "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 >/dev/null"
as_pg "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start >/dev/null"
as_pg "$bin/createdb -h 127.0.0.1 -p $port -U postgres pac_test"
echo "postgresql://postgres@127.0.0.1:$port/pac_test"
echo "$bin/pg_ctl -D $dir/data -m fast stop"
