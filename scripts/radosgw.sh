#!/usr/bin/env bash
# A throwaway one-node Ceph 16 (Pacific) radosgw on 127.0.0.1, for the real-S3 test lane and for
# `S3_BACKEND=radosgw npm start`: one monitor, one memstore OSD, no manager, auth off inside the
# cluster, every file (data, logs, sockets, PID files, crash dumps) under one temporary folder.
#
#   scripts/radosgw.sh start        bring it up, print `RADOSGW_READY {json}` on stdout, then keep
#                                   running until stdin closes or a signal arrives; a trap tears
#                                   the daemons down and removes the folder in every case
#   scripts/radosgw.sh stop DIR     tear down a cluster left behind in DIR (by its PID files)
#
# Settings (environment):
#   RADOSGW_PORT          S3 port (default: a free one)
#   RADOSGW_ACCESS_KEY    the S3 user's access key (default: RADOSGWLOCALACCESS)
#   RADOSGW_SECRET_KEY    the S3 user's secret key (default: radosgw-local-secret)
#   RADOSGW_BUCKET        bucket to create (optional)
#   RADOSGW_CORS_ORIGINS  comma list of origins for the bucket's CORS rule (optional)
#   RADOSGW_PUSH_ENDPOINT HTTP URL that receives ObjectCreated notifications for `uploads/` (optional)
#   RADOSGW_DIR           data folder (default: a new one from mktemp; always removed on teardown)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

# Stops with a message and, when the cluster folder exists, the end of its logs (they go with it).
die() {
  echo "radosgw.sh: $*" >&2
  if [ -n "${dir:-}" ] && [ -d "$dir/log" ]; then tail -n 5 "$dir"/log/*.out "$dir"/log/*.log >&2 2>/dev/null || true; fi
  exit 1
}

# Kills the daemons named by PID files in $1, newest first, then removes the folder.
teardown() {
  local dir="$1" pid name
  [ -d "$dir/pids" ] || { rm -rf "$dir"; return 0; }
  for name in radosgw osd mon; do
    [ -f "$dir/pids/$name.pid" ] || continue
    pid="$(cat "$dir/pids/$name.pid")"
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
}

# True when an HTTP GET of / on 127.0.0.1:$1 answers 200 (bash's /dev/tcp: no curl needed).
http_ok() {
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r -t 2 _ status _ <&3 || true
  exec 3<&- 3>&-
  [ "${status:-}" = 200 ]
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Waits until $1 (a command) succeeds, at most $2 tenths of a second; names $3 on failure.
wait_for() {
  local tries="$2"
  until eval "$1" >/dev/null 2>&1; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || die "$3 did not come up (logs in $dir/log)"
    sleep 0.1
  done
}

start() {
  for bin in ceph-mon ceph-osd radosgw radosgw-admin monmaptool osdmaptool; do
    command -v "$bin" >/dev/null || die "'$bin' not found; install: apt-get install -y radosgw ceph-mon ceph-osd ceph-common"
  done
  dir="${RADOSGW_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/radosgw.XXXXXX")}"
  trap 'teardown "$dir"' EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  trap 'exit 129' HUP
  mkdir -p "$dir"/{mon/a,osd/0,run,log,crash,pids}

  local mon_port rgw_port access_key secret_key fsid
  mon_port="$(free_port)"
  rgw_port="${RADOSGW_PORT:-$(free_port)}"
  access_key="${RADOSGW_ACCESS_KEY:-RADOSGWLOCALACCESS}"
  secret_key="${RADOSGW_SECRET_KEY:-radosgw-local-secret}"
  fsid="$(cat /proc/sys/kernel/random/uuid)"

  export CEPH_CONF="$dir/ceph.conf"
  cat >"$CEPH_CONF" <<EOF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
public addr = 127.0.0.1
ms bind msgr2 = false
# Without crc the radosgw hangs in get_initial_auth_request returned -13 (auth is off).
ms mon client mode = crc
auth cluster required = none
auth service required = none
auth client required = none
keyring = /dev/null
# Paxos batches proposals every 1 s by default: start-up would take ~12 s.
paxos propose interval = 0.05
mon allow pool size one = true
mon data avail crit = 0
mon data avail warn = 0
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
run dir = $dir/run
crash dir = $dir/crash
log file = $dir/log/\$name.log
mon cluster log file = $dir/log/cluster.log
admin socket = $dir/run/\$name.asok
exec dir = $dir/run
[mon.a]
mon data = $dir/mon/a
[osd.0]
osd data = $dir/osd/0
# At start the OSD would send crush commands that can race its first monmap ('wrong fsid'), fail
# its init and abort; the script places it in the CRUSH map itself instead.
osd crush update on start = false
osd class update on start = false
osd objectstore = memstore
memstore device bytes = 1073741824
# Kept outside the data folder: ceph-osd --mkfs refuses a data folder that is not empty.
osd journal = $dir/osd-0.journal
bluestore block path = $dir/osd-0.block
[client]
log file = $dir/log/client.log
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $dir/rgw
rgw dns name = 127.0.0.1
rgw enable usage log = false
EOF

  # An explicit monmap names the monitor `a`; one derived from `mon host` would not match its id.
  monmaptool --create --fsid "$fsid" --addv a "[v1:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null 2>&1
  # The first osdmap already holds osd.0 in the CRUSH map: saves two slow `ceph` CLI calls.
  osdmaptool --createsimple 1 --fsid "$fsid" "$dir/osdmap" >/dev/null 2>&1
  ceph-mon --mkfs -i a --monmap "$dir/monmap" --osdmap "$dir/osdmap" --keyring /dev/null \
    >"$dir/log/mkfs-mon.out" 2>&1 || die "ceph-mon --mkfs failed"
  ceph-mon -f -i a >"$dir/log/mon.out" 2>&1 &
  echo $! >"$dir/pids/mon.pid"

  local osd_uuid
  osd_uuid="$(cat /proc/sys/kernel/random/uuid)"
  ceph-osd --mkfs -i 0 --osd-uuid "$osd_uuid" >"$dir/log/mkfs-osd.out" 2>&1 || die "ceph-osd --mkfs failed"
  ceph-osd -f -i 0 >"$dir/log/osd.out" 2>&1 &
  echo $! >"$dir/pids/osd.pid"

  radosgw -f -n client.rgw.a >"$dir/log/radosgw.out" 2>&1 &
  echo $! >"$dir/pids/radosgw.pid"
  local endpoint="http://127.0.0.1:$rgw_port"
  wait_for "http_ok $rgw_port" 600 "radosgw"

  radosgw-admin user create --uid=local --display-name="Local user" \
    --access-key="$access_key" --secret-key="$secret_key" >/dev/null || die "could not create the S3 user"

  if [ -n "${RADOSGW_BUCKET:-}" ]; then
    RADOSGW_ENDPOINT="$endpoint" RADOSGW_ACCESS_KEY="$access_key" RADOSGW_SECRET_KEY="$secret_key" \
      NODE_NO_WARNINGS=1 "$here/node_modules/.bin/tsx" "$here/stack/radosgw/configure-bucket-cli.ts" || die "could not configure the bucket"
  fi

  printf 'RADOSGW_READY {"endpoint":"%s","region":"us-east-1","accessKeyId":"%s","secretAccessKey":"%s","dir":"%s","conf":"%s"}\n' \
    "$endpoint" "$access_key" "$secret_key" "$dir" "$CEPH_CONF"
  # Keep running until the parent closes stdin (or dies) or a signal arrives; the trap cleans up.
  while read -r _; do :; done
}

case "${1:-}" in
  start) start ;;
  stop) [ -n "${2:-}" ] || die "usage: $0 stop DIR"; teardown "$2" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
