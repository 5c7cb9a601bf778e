#!/usr/bin/env bash
# Writes the EF Core compiled models, one project per provider: src/RoundtableManager.CompiledModels.<provider>
# (the app finds them by name so that a start does not build the model from OnModelCreating; see bench/HISTORY.md,
# cold start).
# Run it after any change to the model; scripts/add-migration.sh runs it. CompiledModelFilesTests (in the unit tests CI
# runs) fails when they are stale.
# Usage: scripts/compile-model.sh          regenerate both
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
core=src/RoundtableManager.Core
project() { echo "src/RoundtableManager.CompiledModels.$1"; }

# A stale model may no longer compile against the entities: delete it first (the app finds the models by name and
# builds without them; each project then holds only its .csproj), then build once.
for provider in Sqlite SqlServer; do find "$(project $provider)" -maxdepth 1 -name '*.cs' -delete; done
dotnet build src/RoundtableManager.Web -nologo -v quiet >/dev/null

optimize() {
  local provider=$1 connection="Server=ci;Database=ci"
  [ "$provider" = Sqlite ] && connection="Data Source=:memory:"
  local output="$PWD/$(project "$provider")"
  dotnet ef dbcontext optimize --no-build --project "$core" --startup-project src/RoundtableManager.Web \
    --output-dir "$output" --namespace "RoundtableManager.CompiledModels.$provider" \
    -- --Database:Provider="$provider" "--Database:ConnectionString=$connection" >/dev/null || return 1
  # The app picks the model per provider (DatabaseServiceCollectionExtensions); an assembly-wide attribute would make
  # EF Core use one of them for every provider.
  rm -f "$output/AppDbContextAssemblyAttributes.cs"
}
# One provider after the other: each dotnet-ef start copies its BuildHost-net472 folder into the startup project's
# bin, and two starts side by side race on those files (CI failed that way at 173bd95 and 66098d8).
optimize Sqlite || { echo "dotnet ef dbcontext optimize failed for Sqlite" >&2; exit 1; }
optimize SqlServer || { echo "dotnet ef dbcontext optimize failed for SqlServer" >&2; exit 1; }

