#!/usr/bin/env bash
# Type-checks infra against SST 4's real platform types, and all packages, without touching AWS.
# `sst install` writes .sst/platform (gitignored) with config.d.ts, the component sources and
# the Pulumi providers; it needs no AWS account, only the npm registry (or bun's cache).
set -euo pipefail
cd "$(dirname "$0")/.."

export AWS_EC2_METADATA_DISABLED=true
export SST_SKIP_DEPENDENCY_CHECK=true
export SST_TELEMETRY_DISABLED=1
if [[ -x node_modules/.bin/bun ]]; then
  export SST_BUN_PATH="$(pwd)/node_modules/.bin/bun"
else
  SST_BUN_PATH="$(command -v bun || true)"
  if [[ -z "$SST_BUN_PATH" ]]; then
    echo "typecheck: bun not found (SST uses it to install the platform); install bun >= 1.2" >&2
    exit 1
  fi
  export SST_BUN_PATH
fi

if [[ ! -f .sst/platform/config.d.ts ]]; then
  echo "typecheck: installing the SST platform into .sst/platform (sst install --stage ci)" >&2
  node_modules/.bin/sst install --stage ci
fi

node_modules/.bin/tsc --noEmit -p tsconfig.json
