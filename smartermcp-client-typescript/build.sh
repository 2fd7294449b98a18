#!/usr/bin/env bash
# Compiles the package (the hand-written facade in src/main/ts and the client openapi-generator wrote
# into src/main/ts/generated) into dist/ with tsc, under Node 22 from ../shared/peers/node22.sh
# (or $NODE). Run by Maven in the compile phase; installs the devDependencies (typescript) if missing.
set -euo pipefail
cd "$(dirname "$0")"
node=${NODE:-$(../../shared/peers/node22.sh)}
export PATH="$(dirname "$node"):$PATH"
if [[ ! -x node_modules/.bin/tsc || ! -d node_modules/@types/node ]]; then
  npm install --no-audit --no-fund --no-package-lock --silent
fi
rm -rf dist
node node_modules/typescript/bin/tsc -p tsconfig.json
