// The JSON report's written contract, docs/report.schema.json (docs/report.md), as assertions
// that every test which builds a report applies: the end-to-end runs of the CLI and every check
// the policy specs make through the offline engine (test/policypack/offline.ts).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";

const schema = JSON.parse(
    fs.readFileSync(path.join(__dirname, "..", "docs", "report.schema.json"), "utf8"),
) as { $id: string };
const ajv = new Ajv({ allErrors: true });
ajv.addSchema(schema);
const part = (ref: string) => ajv.getSchema(`${schema.$id}${ref}`) as ValidateFunction;
const validateAny = part("");
const validateStack = part("#/definitions/stackReport");
const validateMany = part("#/definitions/manyStackReport");

function assertValid(validate: ValidateFunction, report: unknown): void {
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 1));
    assert.ok(validateAny(report), "the schema's root accepts it too");
}

/** Fails unless `report` (a parsed `--format json` report of one stack) keeps docs/report.schema.json. */
export function assertReport(report: unknown): void {
    assertValid(validateStack, report);
}

/** Fails unless `doc` (a parsed many-stack `--format json` document) keeps docs/report.schema.json. */
export function assertManyReport(doc: unknown): void {
    assertValid(validateMany, doc);
}
