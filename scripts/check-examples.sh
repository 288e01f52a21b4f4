#!/usr/bin/env bash
# The main job, offline: the example project's two stacks checked by the pack, verdicts printed.
# legacy-sync (the 2 a.m. script) must be rejected and crm-erp-sync (done right) must pass; this
# script exits non-zero when either verdict is not what the examples promise.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/cli/main.js ]; then
    echo "check-examples: dist/cli/main.js is missing; run \`npm ci\` (or \`npm run build\`) first." >&2
    exit 2
fi
echo "== legacy-sync: the CRM-to-ERP sync as the 2 a.m. script built it"
node dist/cli/main.js check --stack legacy-sync
legacy=$?
echo
echo "== crm-erp-sync: the same sync done right"
node dist/cli/main.js check --stack crm-erp-sync
good=$?
echo
if [ "$legacy" -eq 1 ] && [ "$good" -eq 0 ]; then
    echo "As expected: legacy-sync is rejected, crm-erp-sync passes."
    exit 0
fi
echo "Unexpected verdicts: legacy-sync exited $legacy (expected 1), crm-erp-sync exited $good (expected 0)." >&2
exit 1
