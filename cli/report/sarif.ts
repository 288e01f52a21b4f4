// SARIF 2.1.0 for code-scanning UIs. Messages come from the rules, which never include secret values.
import type * as sarif from "sarif";
import type { PolicyInfo } from "../proto";
import { parseUrn, stackOf } from "../snapshot";
import type { CheckResult, ManyResult, Violation } from "./model";

function sarifLevel(v: Violation): sarif.Result.level {
    return v.level === "mandatory" ? "error" : "warning";
}

const SECURITY_SEVERITY: Record<string, string> = {
    critical: "9.5",
    high: "8.0",
    medium: "5.5",
    low: "3.0",
};

const DRIVER = { name: "gdpr-guard", informationUri: "https://github.com/gdpr-guard/gdpr-guard" };

/**
 * One SARIF run as GitHub code scanning accepts it: one rule per policy with help text, one result
 * per violation with a level and a location. The location is where the program created the
 * resource when known, else the artifact that was checked (the program entry or the state file).
 * `category` is the run's `automationDetails.id` category (default `gdpr-guard/<stack>`).
 */
function sarifRun(result: CheckResult, artifact: string, category?: string): sarif.Run {
    const { report, info } = result;
    const used = new Set(report.violations.map((v) => v.policy));
    const rules: sarif.ReportingDescriptor[] = info.policies
        .filter((p: PolicyInfo) => used.has(p.name))
        .map((p) => ({
            id: p.name,
            name: p.name,
            shortDescription: { text: p.description },
            fullDescription: { text: p.description },
            help: {
                text: p.remediationSteps || p.description,
                markdown: `${p.description}\n\n**Fix:** ${p.remediationSteps || "see the documentation"}${p.url ? `\n\n[Documentation](${p.url})` : ""}`,
            },
            ...(p.url ? { helpUri: p.url } : {}),
            defaultConfiguration: {
                level: p.enforcementLevel === "mandatory" ? "error" : "warning",
            },
            properties: {
                tags: p.tags,
                ...(SECURITY_SEVERITY[p.severity]
                    ? { "security-severity": SECURITY_SEVERITY[p.severity] }
                    : {}),
            },
        }));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const results: sarif.Result[] = report.violations.map((v) => {
        const pos = result.positions.get(v.urn);
        const m = pos ? /^project:\/\/\/(.+)#(\d+),(\d+)$/.exec(pos) : null;
        return {
            ruleId: v.policy,
            ruleIndex: ruleIndex.get(v.policy),
            level: sarifLevel(v),
            message: { text: v.message },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: m ? m[1] : artifact },
                        region: {
                            startLine: m ? Number(m[2]) : 1,
                            ...(m ? { startColumn: Number(m[3]) } : {}),
                        },
                    },
                    logicalLocations: [
                        { fullyQualifiedName: v.urn, name: v.name, kind: "resource" },
                    ],
                },
            ],
            partialFingerprints: { "gdprGuardUrnPolicy/v1": `${v.policy}|${v.urn}` },
        };
    });
    return {
        tool: { driver: { ...DRIVER, semanticVersion: report.pack.version, rules } },
        automationDetails: { id: `${category ?? `gdpr-guard/${report.stack}`}/` },
        invocations: [
            {
                executionSuccessful: true,
                toolExecutionNotifications: report.unanalyzed.map((u) => ({
                    level: "warning" as const,
                    descriptor: { id: "gdpr-guard/unanalyzed" },
                    message: {
                        text: `${u.type} "${parseUrn(u.urn).name}" was not analysed: ${u.reason}`,
                    },
                    locations: [
                        {
                            logicalLocations: [{ fullyQualifiedName: u.urn, kind: "resource" }],
                        },
                    ],
                })),
            },
        ],
        results,
    };
}

function sarifLog(runs: sarif.Run[]): string {
    const log: sarif.Log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs,
    };
    return JSON.stringify(log, null, 2) + "\n";
}

/** SARIF 2.1.0 with one run: the checked stack. */
export function renderSarif(result: CheckResult, artifact: string): string {
    return sarifLog([sarifRun(result, artifact)]);
}

/**
 * Each run's category: `gdpr-guard/<stack>`; `gdpr-guard/<project>/<stack>` where two exports share
 * a stack name; the file where they share the project too (and `#<n>` for a file given twice).
 */
function runCategories(many: ManyResult): string[] {
    const unique = (names: string[], i: number) =>
        names.indexOf(names[i]) === names.lastIndexOf(names[i]);
    const byFile = many.stacks.map((e, i) =>
        many.stacks.findIndex((x) => x.file === e.file) === i
            ? `gdpr-guard/${e.file}`
            : `gdpr-guard/${e.file}#${i + 1}`,
    );
    const byStack = many.stacks.map((e, i) =>
        e.result ? `gdpr-guard/${e.result.report.stack}` : byFile[i],
    );
    const byProject = many.stacks.map((e, i) =>
        e.result
            ? `gdpr-guard/${stackOf(e.result.snapshot).project}/${e.result.report.stack}`
            : byFile[i],
    );
    return many.stacks.map((_, i) =>
        unique(byStack, i) ? byStack[i] : unique(byProject, i) ? byProject[i] : byFile[i],
    );
}

/**
 * SARIF 2.1.0 with one run per export file, in order, each with its own category
 * ({@link runCategories}), so code scanning keeps the stacks apart. An export that could not be
 * checked is a run without results whose invocation failed, with the reason as an error
 * notification.
 */
export function renderSarifMany(many: ManyResult): string {
    const categories = runCategories(many);
    return sarifLog(
        many.stacks.map((e, i): sarif.Run => {
            if (e.result) {
                return sarifRun(e.result, e.file, categories[i]);
            }
            const version = many.info ? { semanticVersion: many.info.version } : {};
            return {
                tool: { driver: { ...DRIVER, ...version, rules: [] } },
                automationDetails: { id: `${categories[i]}/` },
                artifacts: [{ location: { uri: e.file } }],
                invocations: [
                    {
                        executionSuccessful: false,
                        toolExecutionNotifications: [
                            {
                                level: "error",
                                descriptor: { id: "gdpr-guard/unusable-input" },
                                message: { text: e.error },
                            },
                        ],
                    },
                ],
                results: [],
            };
        }),
    );
}
