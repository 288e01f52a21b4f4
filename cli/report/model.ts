// The report model: what a check found, independent of how it is rendered (text.ts, json.ts,
// sarif.ts beside it) and of how it was found (check.ts builds it). The JSON contract is
// docs/report.md and docs/report.schema.json.
import type { AnalyzerInfo, Diagnostic } from "../proto";
import { parseUrn } from "../snapshot";
import type { Unanalyzed } from "../runner-child";
import type { UntypedDeployment } from "../snapshot";

export type Format = "text" | "json" | "sarif";

export interface Violation {
    policy: string;
    tags: string[];
    severity: string;
    level: "mandatory" | "advisory";
    urn: string;
    type: string;
    name: string;
    message: string;
}

export interface Remediation {
    policy: string;
    urn: string;
    /** Top-level properties the remediation changed (names only: values may be secret). */
    changed: string[];
}

/** Per GDPR article: how many rules implement it and how many violations it has, by level. */
export type ArticleSummary = Record<string, { rules: number; mandatory: number; advisory: number }>;

export interface Report {
    pack: { name: string; version: string };
    stack: string;
    summary: {
        resources: number;
        mandatory: number;
        advisory: number;
        notApplicable: number;
        /** Resources whose children the engine could not see (listed in `unanalyzed`). */
        unanalyzed: number;
    };
    violations: Violation[];
    /** Components whose children the engine could not see: a verdict never hides them. */
    unanalyzed: Unanalyzed[];
    /** Invokes of a program run that nobody answered: their results were left unknown. */
    unansweredInvokes: { token: string; calls: number }[];
    /** Keyed by article tag (`gdpr-art-25`, `gdpr-art-30`, `gdpr-art-32`), in article order. */
    articles: ArticleSummary;
}

function articleSummary(policies: { tags: string[] }[], violations: Violation[]): ArticleSummary {
    const out: ArticleSummary = {};
    const article = (tag: string) => (out[tag] ??= { rules: 0, mandatory: 0, advisory: 0 });
    for (const p of policies) {
        p.tags.filter((t) => t.startsWith("gdpr-art-")).forEach((t) => article(t).rules++);
    }
    for (const v of violations) {
        v.tags.filter((t) => t.startsWith("gdpr-art-")).forEach((t) => article(t)[v.level]++);
    }
    const num = (t: string) => Number(t.replace(/\D/g, ""));
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => num(a) - num(b)));
}

export interface CheckResult {
    report: Report;
    info: AnalyzerInfo;
    remediations: Remediation[];
    snapshot: UntypedDeployment;
    /** Source positions by URN, when the snapshot came from a program run. */
    positions: Map<string, string>;
}

/** One input of a many-stack run (`--state` with several files or a folder): its result or error. */
export type StackEntry = { file: string } & (
    { result: CheckResult; error?: undefined } | { error: string; result?: undefined }
);

/** What a many-stack run found, one entry per export file, in the order they were given. */
export interface ManyResult {
    /** The pack as it described itself; undefined when no export could be read (no pack started). */
    info?: AnalyzerInfo;
    stacks: StackEntry[];
}

export type Verdict = "passed" | "rejected" | "error";

/** A stack's verdict; `gdpr-guard check` exits 0, 1 or 2 for passed, rejected or error. */
export function verdictOf(entry: { result?: CheckResult; error?: string }): Verdict {
    if (!entry.result) {
        return "error";
    }
    return entry.result.report.summary.mandatory > 0 ? "rejected" : "passed";
}

export const VERDICT_EXIT: Record<Verdict, number> = { passed: 0, rejected: 1, error: 2 };

/** The JSON document of a many-stack run (docs/report.md, "Many stacks"). */
export interface ManyReport {
    pack: { name: string; version: string } | null;
    summary: {
        stacks: number;
        passed: number;
        rejected: number;
        errors: number;
        resources: number;
        mandatory: number;
        advisory: number;
        notApplicable: number;
        unanalyzed: number;
    };
    stacks: (
        | { file: string; verdict: "passed" | "rejected"; report: Report }
        | { file: string; verdict: "error"; error: string }
    )[];
}

/** The many-stack document: each stack's report unchanged, its file and verdict, the totals. */
export function buildManyReport(many: ManyResult): ManyReport {
    const stacks: ManyReport["stacks"] = many.stacks.map((e) => {
        const verdict = verdictOf(e);
        return verdict === "error" || !e.result
            ? { file: e.file, verdict: "error", error: e.error ?? "" }
            : { file: e.file, verdict, report: e.result.report };
    });
    const reports = many.stacks.flatMap((e) => (e.result ? [e.result.report.summary] : []));
    const sum = (k: keyof Report["summary"]) => reports.reduce((n, s) => n + s[k], 0);
    const count = (v: Verdict) => stacks.filter((s) => s.verdict === v).length;
    return {
        pack: many.info ? { name: many.info.name, version: many.info.version } : null,
        summary: {
            stacks: stacks.length,
            passed: count("passed"),
            rejected: count("rejected"),
            errors: count("error"),
            resources: sum("resources"),
            mandatory: sum("mandatory"),
            advisory: sum("advisory"),
            notApplicable: sum("notApplicable"),
            unanalyzed: sum("unanalyzed"),
        },
        stacks,
    };
}

export /** @pulumi/policy sends `description + "\n" + message`; the report keeps the rule's own message. */
function stripDescription(message: string, description: string | undefined): string {
    return description && message.startsWith(`${description}\n`)
        ? message.slice(description.length + 1)
        : message;
}

/** A diagnostic of the pack and where its resource sits in the snapshot (reports keep that order). */
export interface OrderedDiagnostic {
    d: Diagnostic;
    order: number;
}

/** What one check found, before it becomes a {@link Report}. */
export interface Findings {
    info: AnalyzerInfo;
    stack: string;
    resources: number;
    diagnostics: OrderedDiagnostic[];
    notApplicable: number;
    unanalyzed: Unanalyzed[];
    unansweredInvokes: { token: string; calls: number }[];
}

/**
 * The report of a check: violations in snapshot order (then rule, then message), each with its
 * rule's tags and severity and the rule's own message; the summary; the per-article counts.
 */
export function buildReport(f: Findings): Report {
    const policies = new Map(f.info.policies.map((p) => [p.name, p]));
    const sorted = [...f.diagnostics].sort(
        (a, b) =>
            a.order - b.order ||
            a.d.policyName.localeCompare(b.d.policyName) ||
            a.d.message.localeCompare(b.d.message),
    );
    const violations: Violation[] = sorted.map(({ d }) => {
        const policy = policies.get(d.policyName);
        const parsed = d.urn ? parseUrn(d.urn) : { type: "", name: "" };
        return {
            policy: d.policyName,
            tags: policy?.tags ?? [],
            severity: d.severity || policy?.severity || "",
            level:
                d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate"
                    ? "mandatory"
                    : "advisory",
            urn: d.urn,
            type: parsed.type,
            name: parsed.name,
            message: stripDescription(d.message, d.description || policy?.description),
        };
    });
    return {
        pack: { name: f.info.name, version: f.info.version },
        stack: f.stack,
        summary: {
            resources: f.resources,
            mandatory: violations.filter((v) => v.level === "mandatory").length,
            advisory: violations.filter((v) => v.level === "advisory").length,
            notApplicable: f.notApplicable,
            unanalyzed: f.unanalyzed.length,
        },
        violations,
        unanalyzed: f.unanalyzed,
        unansweredInvokes: f.unansweredInvokes,
        articles: articleSummary(f.info.policies, violations),
    };
}
