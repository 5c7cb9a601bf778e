#!/usr/bin/env bash
# Adds a migration with the same name to both provider sets (SQLite and SQL Server), after writing the EF Core
# compiled models afresh (scripts/compile-model.sh), so that the model, its migrations and its compiled models agree.
# Then writes the SQLite set's NewDatabase.sql (every migration's SQL in one script, from which a new SQLite database is
# created at start; MigrationTests fails while it lags behind the migrations).
# Usage: scripts/add-migration.sh NameOfMigration
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NameOfMigration}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
bash scripts/compile-model.sh
for provider in Sqlite SqlServer; do
  dotnet ef migrations add "$name" \
    --project "migrations/RoundtableManager.Migrations.$provider" \
    --startup-project src/RoundtableManager.Web \
    --output-dir Migrations \
    -- --Database:Provider=$provider --Database:ConnectionString="$( [ $provider = Sqlite ] && echo 'Data Source=design-time.db' || echo 'Server=localhost;Database=RoundtableManager;Integrated Security=true;TrustServerCertificate=true' )"
done
dotnet ef migrations script --no-transactions \
  --project migrations/RoundtableManager.Migrations.Sqlite \
  --startup-project src/RoundtableManager.Web \
  --output migrations/RoundtableManager.Migrations.Sqlite/NewDatabase.sql \
  -- --Database:Provider=Sqlite --Database:ConnectionString='Data Source=design-time.db'
