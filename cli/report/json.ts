// The JSON report: the contract in docs/report.md, validated by docs/report.schema.json.
import { buildManyReport, type CheckResult, type ManyResult } from "./model";

/** The JSON report, exactly the shape docs/report.schema.json describes. */
export function renderJson(result: CheckResult): string {
    return JSON.stringify(result.report, null, 2) + "\n";
}

/** The many-stack JSON document: one report per stack, in its single-stack shape, and totals. */
export function renderJsonMany(many: ManyResult): string {
    return JSON.stringify(buildManyReport(many), null, 2) + "\n";
}
