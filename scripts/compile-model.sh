#!/usr/bin/env bash
# Writes the EF Core compiled models, one project per provider: src/RoundtableManager.CompiledModels.<provider>
# (the app finds them by name so that a start does not build the model from OnModelCreating; see bench/HISTORY.md,
# cold start).
# Run it after any change to the model; scripts/add-migration.sh runs it. CompiledModelFilesTests (in the unit tests CI
# runs) fails when they are stale.
# Usage: scripts/compile-model.sh          regenerate both
#        scripts/compile-model.sh --check  write them to artifacts/compiled-model and compare, changing nothing
#                                          (expects a built solution; the same check as CompiledModelFilesTests)
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
[ "${1:-}" = "--check" ] && check=true
dotnet tool restore >/dev/null
core=src/RoundtableManager.Core
project() { echo "src/RoundtableManager.CompiledModels.$1"; }

build=()
if $check; then
  rm -rf artifacts/compiled-model
  build=(--no-build)
else
  # A stale model may no longer compile against the entities: delete it first (the app finds the models by name and
  # builds without them; each project then holds only its .csproj), then build once.
  for provider in Sqlite SqlServer; do find "$(project $provider)" -maxdepth 1 -name '*.cs' -delete; done
  dotnet build src/RoundtableManager.Web -nologo -v quiet >/dev/null
  build=(--no-build)
fi

optimize() {
  local provider=$1 connection="Server=ci;Database=ci"
  [ "$provider" = Sqlite ] && connection="Data Source=:memory:"
  local output="$PWD/$(project "$provider")"
  $check && output="$PWD/artifacts/compiled-model/$provider"
  dotnet ef dbcontext optimize "${build[@]}" --project "$core" --startup-project src/RoundtableManager.Web \
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

if $check; then
  # Each generation draws a new model id; nothing else may differ.
  stale=false
  : >artifacts/compiled-model.diff
  for provider in Sqlite SqlServer; do
    diff -r -x '*.csproj' -x bin -x obj -I 'modelId: new Guid(' "$(project $provider)" "artifacts/compiled-model/$provider" >>artifacts/compiled-model.diff || stale=true
  done
  if $stale; then
    echo "The compiled models in src/RoundtableManager.CompiledModels.* are stale: run scripts/compile-model.sh (diff in artifacts/compiled-model.diff)." >&2
    exit 1
  fi
  echo "Compiled models are up to date."
fi
