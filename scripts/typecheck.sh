#!/usr/bin/env bash
# Type-checks everything without touching AWS:
#   1. infra (sst.config.ts, infra/*) against SST 4's real platform types in .sst/platform,
#      written by `sst install` (no AWS account needed; bun fetches the Pulumi providers from
#      the npm registry or its cache);
#   2. packages, tests and benches (root tsconfig.json);
#   3. the web app's browser code (packages/web/tsconfig.json: DOM and JSX instead of Node).
# They are separate programs because their globals don't mix (see tsconfig.json).
set -euo pipefail
cd "$(dirname "$0")/.."

export AWS_EC2_METADATA_DISABLED=true
export SST_SKIP_DEPENDENCY_CHECK=true
export SST_TELEMETRY_DISABLED=1
if [[ -x node_modules/.bin/bun ]]; then
  SST_BUN_PATH="$(pwd)/node_modules/.bin/bun"
else
  SST_BUN_PATH="$(command -v bun || true)"
fi
if [[ -z "$SST_BUN_PATH" ]]; then
  echo "typecheck: bun not found; SST needs it to install .sst/platform (install bun >= 1.2)" >&2
  exit 1
fi
export SST_BUN_PATH

# (Re)install the platform when it is missing or was written by another sst version.
want="$(node -p 'require("./node_modules/sst/package.json").version')"
have="$(cat .sst/platform/version 2>/dev/null || true)"
if [[ ! -f .sst/platform/config.d.ts || "$have" != "$want" ]]; then
  echo "typecheck: sst install --stage ci (platform ${have:-missing} → $want)" >&2
  node_modules/.bin/sst install --stage ci
fi

tsc=node_modules/.bin/tsc
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The programs are independent: check them side by side.
"$tsc" --noEmit -p infra/tsconfig.json >"$out/infra" 2>&1 & infra=$!
"$tsc" --noEmit -p tsconfig.json >"$out/packages" 2>&1 & packages=$!
"$tsc" --noEmit -p packages/web/tsconfig.json >"$out/web" 2>&1 & web=$!
status=0
wait "$infra" || { echo "typecheck: infra (infra/tsconfig.json) failed:" >&2; status=1; }
cat "$out/infra"
wait "$packages" || { echo "typecheck: packages (tsconfig.json) failed:" >&2; status=1; }
cat "$out/packages"
wait "$web" || { echo "typecheck: web (packages/web/tsconfig.json) failed:" >&2; status=1; }
cat "$out/web"
exit "$status"
