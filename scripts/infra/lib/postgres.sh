# shellcheck shell=bash
# PostgreSQL: the Debian cluster "main" of the installed major version, tuned
# for a dev/test box, with one role + database (+ _test database) per service.

PG_DATABASES=(users products orders payments inventory notifications)
# Roles that only have a _test database: the shared libraries' own integration tests.
PG_TEST_ONLY=(messaging)
PG_CONF_NAME=ecommerce-infra.conf

pg_version() {
  local v
  v="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
  printf '%s' "${v:-15}"
}

pg_log() { printf '/var/log/postgresql/postgresql-%s-main.log' "$(pg_version)"; }

# Superuser psql over the local socket (peer auth as the postgres OS user).
pg_super() {
  if [ "$IS_ROOT" -eq 1 ]; then
    # cd / because postgres may not be allowed into the caller's cwd.
    (cd / && runuser -u postgres -- psql -X -v ON_ERROR_STOP=1 -q "$@")
  elif [ "$(id -un)" = postgres ]; then
    psql -X -v ON_ERROR_STOP=1 -q "$@"
  else
    return 1
  fi
}

pg_cluster_status() { # prints online/down, or nothing when there is no cluster
  pg_lsclusters -h 2>/dev/null | awk -v v="$(pg_version)" '$1 == v && $2 == "main" { print $4 }'
}

postgres_install() {
  if [ ! -x "/usr/lib/postgresql/$(pg_version)/bin/postgres" ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgres postgresql postgresql-client
  fi
}

# The settings go into conf.d (Debian's postgresql.conf includes it last), so
# the packaged file stays untouched and this file is the whole story.
postgres_desired_conf() {
  printf '# Written by scripts/infra/infra.sh: dev/test box settings.\n'
  printf "listen_addresses = '%s'\n" "$HOST"
  printf 'port = %s\n' "$PG_PORT"
  printf 'max_connections = 300\n'
  # Time and calls per statement, for the benchmarks' "where PostgreSQL's time goes" and for operators.
  printf "shared_preload_libraries = 'pg_stat_statements'\n"
  printf 'pg_stat_statements.max = 2000\n'
  if [ "${INFRA_PG_FAST:-0}" = 1 ]; then
    # CI only: data loss on a crash is fine there, speed is not.
    printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'
  fi
}

PG_NEEDS_RESTART=0

postgres_configure() {
  local ver conf_dir conf hba
  ver="$(pg_version)"
  conf_dir="/etc/postgresql/$ver/main"
  if [ -z "$(pg_cluster_status)" ]; then
    [ "$IS_ROOT" -eq 1 ] || fail postgres "no cluster $ver/main and not root, cannot create it"
    say postgres "creating cluster $ver/main ..."
    pg_createcluster "$ver" main -p "$PG_PORT" >/dev/null ||
      fail postgres "pg_createcluster $ver main failed"
  fi
  if [ "$IS_ROOT" -ne 1 ]; then
    say postgres "not root: leaving $conf_dir as it is"
    return 0
  fi
  mkdir -p "$conf_dir/conf.d"
  conf="$conf_dir/conf.d/$PG_CONF_NAME"
  if ! postgres_desired_conf | cmp -s - "$conf"; then
    postgres_desired_conf >"$conf"
    say postgres "wrote $conf (fast=${INFRA_PG_FAST:-0})"
    PG_NEEDS_RESTART=1
  fi
  # Password logins over TCP are what the services use; Debian ships such a
  # rule, only add one if someone removed it.
  hba="$conf_dir/pg_hba.conf"
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+(scram-sha-256|md5)' "$hba"; then
    printf 'host    all    all    127.0.0.1/32    scram-sha-256\n' >>"$hba"
    say postgres "added a scram-sha-256 rule for 127.0.0.1 to $hba"
    PG_NEEDS_RESTART=1
  fi
}

postgres_start() {
  local ver status
  postgres_configure
  ver="$(pg_version)"
  status="$(pg_cluster_status)"
  if [ "$status" = online ] && [ "$PG_NEEDS_RESTART" -eq 0 ]; then
    say postgres "cluster $ver/main already running"
    return 0
  fi
  if [ "$IS_ROOT" -ne 1 ] && [ "$(id -un)" != postgres ]; then
    fail postgres "cluster $ver/main is $status and only root or postgres can start it"
  fi
  if [ "$status" = online ]; then
    say postgres "restarting cluster $ver/main to apply settings ..."
    pg_ctlcluster "$ver" main restart -m fast 9>&- || fail postgres "pg_ctlcluster restart failed" "$(pg_log)"
  else
    say postgres "starting cluster $ver/main ..."
    pg_ctlcluster "$ver" main start 9>&- || fail postgres "pg_ctlcluster start failed" "$(pg_log)"
  fi
}

pg_ready() {
  pg_isready -q -h "$HOST" -p "$PG_PORT" 2>/dev/null
}

# Roles and databases, idempotently. \gexec runs each generated statement;
# CREATE DATABASE cannot run inside a DO block, hence this form.
postgres_ensure_databases() {
  local names dbs="" n
  names="$(printf "'%s'," "${PG_DATABASES[@]}" "${PG_TEST_ONLY[@]}")"
  names="ARRAY[${names%,}]"
  for n in "${PG_DATABASES[@]}"; do dbs+="('$n','$n'),('${n}_test','$n'),"; done
  for n in "${PG_TEST_ONLY[@]}"; do dbs+="('${n}_test','$n'),"; done
  dbs="(VALUES ${dbs%,}) AS d(db, owner)"
  local sql
  sql="$(
    cat <<SQL
SELECT format('CREATE ROLE %I LOGIN', n) FROM unnest($names) n
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = n) \\gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', n, n) FROM unnest($names) n \\gexec
SELECT format('CREATE DATABASE %I OWNER %I', db, owner) FROM $dbs
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = db) \\gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', db, owner) FROM $dbs \\gexec
SELECT 'CREATE ROLE monitoring LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'monitoring') \\gexec
ALTER ROLE monitoring WITH LOGIN PASSWORD 'monitoring';
GRANT pg_monitor TO monitoring;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SQL
  )"
  if [ "${PG_RECREATE:-0}" = 1 ]; then
    say postgres "dropping the service databases (reset) ..."
    local drop
    drop="SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', db) FROM $dbs \\gexec"
    printf '%s\n' "$drop" | pg_super -d postgres >/dev/null || fail postgres "dropping databases failed" "$(pg_log)"
  fi
  if printf '%s\n' "$sql" | pg_super -d postgres >/dev/null 2>"$LOG_DIR/postgres-setup.log"; then
    say postgres "roles + databases ok: ${PG_DATABASES[*]} (+ *_test), ${PG_TEST_ONLY[*]/%/_test}; monitoring role with pg_stat_statements"
  elif [ "$IS_ROOT" -ne 1 ]; then
    say postgres "not root: could not check/create roles and databases as superuser, only verifying logins"
  else
    fail postgres "creating roles/databases failed" "$LOG_DIR/postgres-setup.log" "$(pg_log)"
  fi
}

# Every service login, over TCP with its password, to its own databases.
postgres_verify_logins() {
  local n db logins=()
  for n in "${PG_DATABASES[@]}"; do logins+=("$n/$n" "$n/${n}_test"); done
  for n in "${PG_TEST_ONLY[@]}"; do logins+=("$n/${n}_test"); done
  for n in "${logins[@]}"; do
    db="${n#*/}"
    n="${n%/*}"
    PGPASSWORD="$n" PGCONNECT_TIMEOUT=5 psql -X -h "$HOST" -p "$PG_PORT" -U "$n" -d "$db" -Atqc 'select 1' >/dev/null 2>>"$LOG_DIR/postgres-setup.log" ||
      fail postgres "password login $n@$db over TCP failed" "$LOG_DIR/postgres-setup.log" "$(pg_log)"
  done
  say postgres "password logins ok for all ${#logins[@]} databases"
}

postgres_wait() {
  wait_for postgres "pg_isready on :$PG_PORT" 60 pg_ready || fail postgres "server did not become ready" "$(pg_log)"
  local v
  if v="$(pg_super -d postgres -Atc 'show server_version' 2>&1)"; then
    say postgres "query ok: server $v, max_connections=$(pg_super -d postgres -Atc 'show max_connections'), fsync=$(pg_super -d postgres -Atc 'show fsync')"
  fi
  postgres_ensure_databases
  postgres_verify_logins
}

postgres_stop() {
  local ver status
  ver="$(pg_version)"
  status="$(pg_cluster_status)"
  if [ "$status" != online ]; then
    say postgres "not running"
    return 0
  fi
  if [ "$IS_ROOT" -ne 1 ] && [ "$(id -un)" != postgres ]; then
    say postgres "running, but only root or postgres can stop it: skipped"
    return 0
  fi
  say_n postgres "stopping cluster $ver/main ..."
  pg_ctlcluster "$ver" main stop -m fast || fail postgres "pg_ctlcluster stop failed" "$(pg_log)"
  printf ' stopped\n'
}

# Postgres data stays in the Debian cluster; a reset drops and recreates the
# service databases once the server is back up.
postgres_wipe() { PG_RECREATE=1; }

postgres_status() {
  if pg_ready; then
    printf 'up|cluster %s/main' "$(pg_version)"
  else
    printf 'down|'
  fi
}
