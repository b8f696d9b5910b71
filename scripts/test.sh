#!/usr/bin/env bash
# `npm test`: every check and every test suite, the way CI runs them.
set -euo pipefail
cd "$(dirname "$0")/.."

lanes=(chromium wrk)
[ -f scripts/radosgw.sh ] && lanes+=(ceph)
bash scripts/ensure-system-packages.sh "${lanes[@]}"

# The benchmarks' competitors (bench/package.json): the smoke run at the end needs them, and so does
# the typecheck of the benchmark page that imports them (bench/tsconfig.json; the root typecheck
# leaves it out, so `npm run typecheck` passes right after `npm install`).
echo "== benchmark competitors" && npm install --prefix bench --no-audit --no-fund --loglevel=error
echo "== typecheck" && npm run --silent typecheck && npx tsc --noEmit -p bench/tsconfig.json
echo "== lint" && npm run --silent lint
echo "== node suites (signer, thumbnailer, contract, stack, deploy)" && npx vitest run --project node
if [ -f widget/web-test-runner.config.js ]; then
  # In batches, each in a fresh Chromium (why: widget/web-test-runner.config.js, WIDGET_TESTS).
  echo "== widget in Chromium" && npm run --silent build
  for batch in 'widget/*.test.ts,widget/events/*.test.ts' \
    'widget/upload/*.test.ts,!widget/upload/multipart.test.ts,!widget/upload/resume.test.ts,!widget/upload/checksums.test.ts' \
    'widget/upload/multipart.test.ts,widget/upload/resume.test.ts' 'widget/upload/checksums.test.ts'; do
    WIDGET_TESTS="$batch" npx web-test-runner --config widget/web-test-runner.config.js
  done
fi
if [ -d e2e ]; then
  echo "== end to end in Chromium" && npx vitest run --project e2e
fi
if [ -d e2e/real-client ]; then
  # Packs the element and installs it into fresh Vite React and Vue apps (needs the npm registry).
  echo "== real clients: the packed element in fresh React and Vue apps" && npx vitest run --project real-client
fi
if [ -f scripts/radosgw.sh ]; then
  echo "== real S3 lane (radosgw)" && npx vitest run --project radosgw
fi
echo "== benchmarks, smoke mode (every code path briefly, no figures asserted)" && npm run --silent bench -- --smoke
