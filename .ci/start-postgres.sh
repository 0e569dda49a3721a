#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster for the database tests and print its URL.
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -n | tail -n1)
bin=/usr/lib/postgresql/$ver/bin
dir=$(mktemp -d /tmp/pac-pg.XXXXXX)
chown postgres "$dir"
port=${PAC_PG_PORT:-55432}
su postgres -c "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 >/dev/null"
su postgres -c "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start >/dev/null"
su postgres -c "$bin/createdb -h 127.0.0.1 -p $port pac_test"
echo "postgresql://postgres@127.0.0.1:$port/pac_test"
