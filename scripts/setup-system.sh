#!/usr/bin/env bash
# Install and start the system services relokant's tests need (Debian; run as root):
# a PostgreSQL server for the ledger's PostgreSQL tests, Chromium for browser tests, and
# wrk, the load generator of the web benchmark (bench/run.py web).
# Prints the PostgreSQL URL to use as RELOKANT_TEST_PG_URL on its last line.
# Safe to run again: installs only what is missing and reuses a running server.
set -euo pipefail

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if [ "${#need[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='relokant'\"" | grep -q 1 \
  || su postgres -c "psql -q -p $port -c \"CREATE ROLE relokant LOGIN SUPERUSER PASSWORD 'relokant'\"" >&2
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='relokant'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O relokant relokant" >&2
echo "postgresql://relokant:relokant@127.0.0.1:$port/relokant"
