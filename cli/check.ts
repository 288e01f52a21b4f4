// `gdpr-guard check`: snapshot in (from a program run or a state file), report out. Mirrors the
// engine's AnalyzeSnapshot (pulumi/pulumi pkg/resource/deploy/analyze_snapshot.go): per resource,
// Remediate then Analyze with its inputs and its provider's inputs; then AnalyzeStack once with
// every resource's outputs, parents and dependencies.
import * as path from "node:path";
import { UsageError } from "./errors";
import {
    loadPolicyPackConfig,
    reconcilePolicyPackConfig,
    unknownPolicyNames,
    type PolicyConfig,
} from "./config";
import { AnalyzerHost, type AnalyzerResource, type AnalyzerInfo, type Diagnostic } from "./host";
import { runProgram, type ProgramRun } from "./runner";
import type { Unanalyzed } from "./runner-child";
import {
    parseUrn,
    readSnapshot,
    stackOf,
    writeSnapshot,
    type ResourceState,
    type UntypedDeployment,
} from "./snapshot";
import { stateToWire, withoutInternalKeys, type Wire } from "./wire";
import { configProblems, utcDate } from "../policypack/lib/exemptions";
import { PACKAGE_ROOT } from "./version";

/** The pack that ships with gdpr-guard (`<package>/policypack`). */
export function bundledPackDir(): string {
    return path.join(PACKAGE_ROOT, "policypack");
}

export interface CheckOptions {
    stack?: string;
    program?: string;
    state?: string;
    policyConfig?: string;
    policyPack?: string;
    preview?: boolean;
    emitState?: string;
    /** A `--mocks` module for a program run: setMocks' `call` / `newResource`, asked first. */
    mocks?: string;
    /** Seconds the whole check may take (program, pack start-up, every call); default 600. */
    timeout?: number;
    /** Called when a phase starts: running the program, starting the pack. */
    onPhase?: (what: string) => void;
    /** Progress callback: (done, total, what). */
    onProgress?: (done: number, total: number, what: string) => void;
    /** Lines the pack logs. */
    onLog?: (line: string) => void;
}

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

/** How long a check may take unless `--timeout` says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

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

function validateOptions(o: CheckOptions): void {
    if (o.state && o.program) {
        throw new UsageError(
            "Use either --state (an exported stack) or --program (a program to run), not both.",
        );
    }
    if (o.state && o.preview) {
        throw new UsageError(
            "--preview applies to running a program; a state file has no unknown values to leave.",
        );
    }
    if (o.state && o.emitState) {
        throw new UsageError(
            "--emit-state writes the snapshot of a program run; with --state the snapshot already exists.",
        );
    }
    if (o.state && o.mocks) {
        throw new UsageError(
            "--mocks answers a program's invokes; a state file has no program to run.",
        );
    }
    if (o.timeout !== undefined && !(Number.isFinite(o.timeout) && o.timeout > 0)) {
        throw new UsageError("--timeout takes a number of seconds greater than 0.");
    }
    if (!o.state && !o.stack) {
        throw new UsageError(
            "Name the stack to check with --stack NAME, or give an exported stack with --state FILE.",
        );
    }
}

async function snapshotFor(o: CheckOptions, deadline: number): Promise<ProgramRun> {
    if (o.state) {
        const snapshot = readSnapshot(o.state);
        if (o.stack) {
            const { stack } = stackOf(snapshot);
            if (stack && stack !== o.stack) {
                throw new UsageError(
                    `State file "${o.state}" is of stack "${stack}", not "${o.stack}".`,
                );
            }
        }
        return { snapshot, unanalyzed: [], unanswered: {} };
    }
    o.onPhase?.(`running the program of stack "${o.stack}"${o.preview ? " (preview)" : ""}`);
    return runProgram({
        projectDir: o.program ?? process.cwd(),
        stack: o.stack!,
        preview: o.preview ?? false,
        mocksFile: o.mocks,
        deadline,
    });
}

/** JSON with object keys sorted, so two values compare equal whatever their key order. */
function canonical(v: unknown): string {
    if (Array.isArray(v)) {
        return `[${v.map(canonical).join(",")}]`;
    }
    if (v !== null && typeof v === "object") {
        return `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(v);
}

function changedKeys(
    before: Record<string, Wire>,
    after: Record<string, Wire> | undefined,
): string[] {
    if (!after) {
        return [];
    }
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((k) => canonical(before[k]) !== canonical(after[k])).sort();
}

/** @pulumi/policy sends `description + "\n" + message`; the report keeps the rule's own message. */
function stripDescription(message: string, description: string | undefined): string {
    return description && message.startsWith(`${description}\n`)
        ? message.slice(description.length + 1)
        : message;
}

/** Runs one check. Throws UsageError for anything the user must fix; never prints. */
export async function check(o: CheckOptions): Promise<CheckResult> {
    validateOptions(o);
    // Read the config before anything runs, so a typo costs no program run.
    const fileConfig: Record<string, PolicyConfig> = o.policyConfig
        ? loadPolicyPackConfig(o.policyConfig)
        : {};
    const deadline = Date.now() + (o.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    const run = await snapshotFor(o, deadline);
    const { snapshot } = run;
    const { stack, project } = stackOf(snapshot);
    const resources = snapshot.deployment.resources.filter((r) => !r.delete);
    const unansweredInvokes = Object.entries(run.unanswered)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([token, calls]) => ({ token, calls }));
    if (unansweredInvokes.length > 0) {
        o.onLog?.(
            `warning: gdpr-guard does not answer ${unansweredInvokes.map((i) => i.token).join(", ")} offline; their results were left unknown (answer them with --mocks FILE).`,
        );
    }

    o.onPhase?.(`starting the policy pack`);
    const host = await AnalyzerHost.start(o.policyPack ?? bundledPackDir(), {
        stack: stack || o.stack || "",
        project,
        organization: run.stackInfo?.organization,
        config: run.stackInfo?.config,
        dryRun: o.preview ?? false,
        onLog: o.onLog,
        deadline,
    });
    try {
        const info = await host.getAnalyzerInfo();
        if (!info.supportsConfig && o.policyConfig) {
            throw new UsageError(
                `Policy pack "${info.name}" does not support config, but --policy-config was given.`,
            );
        }
        for (const name of unknownPolicyNames(info.policies, fileConfig)) {
            o.onLog?.(
                `warning: policy config names "${name}", which is not a policy of pack "${info.name}"; it is ignored.`,
            );
        }
        const config = reconcilePolicyPackConfig(info.policies, info.initialConfig, fileConfig);
        if (info.name === "gdpr-guard") {
            // What JSON schema cannot say (an exemption expiring too far ahead, a key no rule
            // has): the pack reports it as a mandatory violation; offline it is unusable config.
            const today = utcDate(new Date());
            const problems = info.policies.flatMap((p) =>
                configProblems(
                    p.name,
                    p.configSchema as any,
                    (config[p.name]?.properties ?? {}) as any,
                    today,
                ),
            );
            if (problems.length > 0) {
                throw new UsageError(
                    `${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more config problems)` : ""}`,
                );
            }
        }
        await host.configure(config);
        // Only write the snapshot once the inputs are known to be usable: nothing partial.
        if (o.emitState) {
            writeSnapshot(o.emitState, snapshot);
        }

        const providers = new Map<string, ResourceState>();
        for (const r of resources) {
            if (r.type.startsWith("pulumi:providers:")) {
                providers.set(r.urn, r);
            }
        }
        // The engine sends a provider's inputs with each resource, in Analyze and AnalyzeStack alike.
        const providerOf = (r: ResourceState): AnalyzerResource["provider"] => {
            if (!r.provider) {
                return undefined;
            }
            const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
            const p = providers.get(urn);
            if (!p) {
                return undefined;
            }
            return {
                urn: p.urn,
                type: p.type,
                name: parseUrn(p.urn).name,
                properties: withoutInternalKeys(
                    stateToWire(p.inputs ?? {}) as Record<string, Wire>,
                ),
            };
        };
        const analyzerResource = (
            r: ResourceState,
            which: "inputs" | "outputs",
            skipInternal: boolean,
        ): AnalyzerResource => {
            const props = stateToWire(r[which] ?? {}) as Record<string, Wire>;
            return {
                urn: r.urn,
                type: r.type,
                name: parseUrn(r.urn).name,
                properties: skipInternal ? withoutInternalKeys(props) : props,
                options: {
                    protect: r.protect,
                    ignoreChanges: r.ignoreChanges,
                    additionalSecretOutputs: r.additionalSecretOutputs,
                    aliases: r.aliases,
                    parent: r.parent,
                },
                provider: providerOf(r),
            };
        };

        const policies = new Map(info.policies.map((p) => [p.name, p]));
        const diagnostics: { d: Diagnostic; order: number }[] = [];
        const remediations: Remediation[] = [];
        let notApplicable = 0;
        const order = new Map(resources.map((r, i) => [r.urn, i]));

        // A program run is a preview: the engine applies each remediation to the inputs before it
        // analyses them (step_generator.go). A state file is `pulumi policy analyze`: remediations
        // are reported, not applied (analyze_snapshot.go).
        const applyRemediations = !o.state;
        let done = 0;
        const analyzeOne = async (r: ResourceState) => {
            const i = order.get(r.urn)!;
            let inputs = r.inputs ?? {};
            for (const rem of await host.remediate(analyzerResource(r, "inputs", false))) {
                if (rem.diagnostic) {
                    diagnostics.push({
                        d: {
                            policyName: rem.policyName,
                            policyPackName: info.name,
                            policyPackVersion: info.version,
                            description: rem.description,
                            message: rem.diagnostic,
                            enforcementLevel: "advisory",
                            severity: policies.get(rem.policyName)?.severity ?? "",
                            urn: r.urn,
                        },
                        order: i,
                    });
                } else if (rem.properties) {
                    remediations.push({
                        policy: rem.policyName,
                        urn: r.urn,
                        changed: changedKeys(
                            stateToWire(inputs) as Record<string, Wire>,
                            rem.properties,
                        ),
                    });
                    if (applyRemediations) {
                        inputs = rem.properties;
                    }
                }
            }
            const result = await host.analyze(analyzerResource({ ...r, inputs }, "inputs", true));
            notApplicable += result.notApplicable.length;
            for (const d of result.diagnostics) {
                diagnostics.push({ d: { ...d, urn: d.urn || r.urn }, order: i });
            }
            done++;
            o.onProgress?.(done, resources.length, r.urn);
        };
        // A few requests in flight hide the round trips; the pack itself runs them one by one.
        const queue = [...resources];
        await Promise.all(
            Array.from({ length: Math.min(8, queue.length) }, async () => {
                for (let r = queue.shift(); r; r = queue.shift()) {
                    await analyzeOne(r);
                }
            }),
        );

        o.onPhase?.("running the stack rules");
        const stackResult = await host.analyzeStack(
            resources.map((r) => ({
                ...analyzerResource(r, "outputs", true),
                parent: r.parent,
                dependencies: r.dependencies,
                propertyDependencies: r.propertyDependencies,
            })),
        );
        notApplicable += stackResult.notApplicable.length;
        // A stack policy's violation without a URN is the stack's own: the engine files it under
        // the root stack resource (resolveStackPolicyViolationURN).
        const rootUrn =
            resources.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent)?.urn ??
            `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
        for (const d of stackResult.diagnostics) {
            const urn = d.urn || rootUrn;
            diagnostics.push({ d: { ...d, urn }, order: order.get(urn) ?? resources.length });
        }

        diagnostics.sort(
            (a, b) =>
                a.order - b.order ||
                a.d.policyName.localeCompare(b.d.policyName) ||
                a.d.message.localeCompare(b.d.message),
        );
        const violations: Violation[] = diagnostics.map(({ d }) => {
            const urn = d.urn;
            const level =
                d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate"
                    ? "mandatory"
                    : "advisory";
            const parsed = urn ? parseUrn(urn) : { type: "", name: "" };
            return {
                policy: d.policyName,
                tags: policies.get(d.policyName)?.tags ?? [],
                severity: d.severity || policies.get(d.policyName)?.severity || "",
                level,
                urn,
                type: parsed.type,
                name: parsed.name,
                message: stripDescription(
                    d.message,
                    d.description || policies.get(d.policyName)?.description,
                ),
            };
        });
        const positions = new Map<string, string>();
        for (const r of resources) {
            if (r.sourcePosition) {
                positions.set(r.urn, r.sourcePosition);
            }
        }
        return {
            report: {
                pack: { name: info.name, version: info.version },
                stack: stack || o.stack || "",
                summary: {
                    resources: resources.length,
                    mandatory: violations.filter((v) => v.level === "mandatory").length,
                    advisory: violations.filter((v) => v.level === "advisory").length,
                    notApplicable,
                    unanalyzed: run.unanalyzed.length,
                },
                violations,
                unanalyzed: run.unanalyzed,
                unansweredInvokes,
                articles: articleSummary(info.policies, violations),
            },
            info,
            remediations,
            snapshot,
            positions,
        };
    } finally {
        await host.close();
    }
}
