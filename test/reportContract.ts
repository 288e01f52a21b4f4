// The JSON report's written contract, docs/report.schema.json (docs/report.md), as one assertion
// that every test which builds a report applies: the end-to-end runs of the CLI and every check
// the policy specs make through the offline engine (test/policypack/offline.ts).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";

const validate = new Ajv({ allErrors: true }).compile(
    JSON.parse(fs.readFileSync(path.join(__dirname, "..", "docs", "report.schema.json"), "utf8")),
);

/** Fails unless `report` (a parsed `--format json` report) keeps docs/report.schema.json. */
export function assertReport(report: unknown): void {
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 1));
}
