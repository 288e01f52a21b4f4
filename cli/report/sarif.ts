// SARIF 2.1.0 for code-scanning UIs. Messages come from the rules, which never include secret values.
import type * as sarif from "sarif";
import type { PolicyInfo } from "../proto";
import { parseUrn } from "../snapshot";
import type { CheckResult, Violation } from "./model";

function sarifLevel(v: Violation): sarif.Result.level {
    return v.level === "mandatory" ? "error" : "warning";
}

const SECURITY_SEVERITY: Record<string, string> = {
    critical: "9.5",
    high: "8.0",
    medium: "5.5",
    low: "3.0",
};

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one rule per policy with help text, one result
 * per violation with a level and a location. The location is where the program created the
 * resource when known, else the artifact that was checked (the program entry or the state file).
 */
export function renderSarif(result: CheckResult, artifact: string): string {
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
    const log: sarif.Log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "gdpr-guard",
                        semanticVersion: report.pack.version,
                        informationUri: "https://github.com/gdpr-guard/gdpr-guard",
                        rules,
                    },
                },
                automationDetails: { id: `gdpr-guard/${report.stack}/` },
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
                                    logicalLocations: [
                                        { fullyQualifiedName: u.urn, kind: "resource" },
                                    ],
                                },
                            ],
                        })),
                    },
                ],
                results,
            },
        ],
    };
    return JSON.stringify(log, null, 2) + "\n";
}
