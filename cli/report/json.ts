// The JSON report: the contract in docs/report.md, validated by docs/report.schema.json.
import type { CheckResult } from "./model";

/** The JSON report, exactly the shape docs/report.schema.json describes. */
export function renderJson(result: CheckResult): string {
    return JSON.stringify(result.report, null, 2) + "\n";
}
