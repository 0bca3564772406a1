#!/usr/bin/env bash
# Runs once inside the postgres container, on the first start of an empty volume.
# Mirrors deploy/local/postgres.sh: login role "oversight" (CREATEDB, password
# from POSTGRES_PASSWORD) owning the application databases.
set -euo pipefail

psql -v ON_ERROR_STOP=1 -v app_pw="$POSTGRES_PASSWORD" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE ROLE oversight LOGIN CREATEDB PASSWORD :'app_pw';
CREATE DATABASE complaint_reviews OWNER oversight;
CREATE DATABASE audit OWNER oversight;
CREATE DATABASE oocr OWNER oversight;
CREATE DATABASE tag_referrals OWNER oversight;
CREATE DATABASE knife_swaps OWNER oversight;
CREATE DATABASE staff_ui OWNER oversight;
CREATE DATABASE notifications OWNER oversight;
CREATE DATABASE gateway OWNER oversight;
SQL
