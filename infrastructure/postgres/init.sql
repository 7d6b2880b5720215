-- One role and one database per service that keeps its data in PostgreSQL; no service can read
-- another one's database. Development credentials: role = database = password.
--
-- Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d), and by
-- the dev Kubernetes overlay (k8s/overlays/dev/postgres/init.sql is a checked copy of this file).
-- Safe to run again by hand: existing roles and databases are left alone.
--   psql -U postgres -f infrastructure/postgres/init.sql
--
-- A new service: add its name to the list below.

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', name, name)
FROM unnest(ARRAY['users', 'products', 'orders', 'payments', 'inventory', 'notifications']) AS name
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name)
\gexec

-- CREATE DATABASE cannot run inside a function or transaction block, hence \gexec.
SELECT format('CREATE DATABASE %I OWNER %I', name, name)
FROM unnest(ARRAY['users', 'products', 'orders', 'payments', 'inventory', 'notifications']) AS name
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = name)
\gexec

-- Nobody but the owner connects to a service's database.
SELECT format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', name)
FROM unnest(ARRAY['users', 'products', 'orders', 'payments', 'inventory', 'notifications']) AS name
\gexec
