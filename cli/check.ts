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
import { AnalyzerHost } from "./host";
import type { AnalyzerInfo, Diagnostic } from "./proto";
import {
    buildReport,
    type CheckResult,
    type OrderedDiagnostic,
    type Remediation,
} from "./report/model";
import { Requests } from "./requests";
import { runProgram, type ProgramRun } from "./runner";
import { readSnapshot, stackOf, writeSnapshot, type ResourceState } from "./snapshot";
import { stateToWire, type Wire } from "./wire";
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

/** How long a check may take unless `--timeout` says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

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

/**
 * Starts nothing: asks the pack what it is, checks the config file against it and sends the
 * reconciled config. The engine is generic over packs: whatever a pack finds wrong with its config
 * beyond the schema it reports itself, as a violation, exactly as under `pulumi preview`.
 */
async function configurePack(
    host: AnalyzerHost,
    fileConfig: Record<string, PolicyConfig>,
    o: CheckOptions,
): Promise<AnalyzerInfo> {
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
    await host.configure(reconcilePolicyPackConfig(info.policies, info.initialConfig, fileConfig));
    return info;
}

/**
 * Remediate then Analyze, per resource, with its inputs. A program run is a preview: the engine
 * applies each remediation to the inputs before it analyses them (step_generator.go). A state
 * file is `pulumi policy analyze`: remediations are reported, not applied (analyze_snapshot.go).
 */
async function analyzeResources(
    host: AnalyzerHost,
    info: AnalyzerInfo,
    resources: ResourceState[],
    requests: Requests,
    applyRemediations: boolean,
    onProgress: CheckOptions["onProgress"],
): Promise<{
    diagnostics: OrderedDiagnostic[];
    remediations: Remediation[];
    notApplicable: number;
}> {
    const severity = new Map(info.policies.map((p) => [p.name, p.severity]));
    const diagnostics: OrderedDiagnostic[] = [];
    const remediations: Remediation[] = [];
    let notApplicable = 0;
    let done = 0;
    const analyzeOne = async (r: ResourceState) => {
        const order = requests.order(r.urn);
        let inputs = r.inputs ?? {};
        for (const rem of await host.remediate(requests.resource(r, "inputs", false))) {
            if (rem.diagnostic) {
                diagnostics.push({
                    d: {
                        policyName: rem.policyName,
                        policyPackName: info.name,
                        policyPackVersion: info.version,
                        description: rem.description,
                        message: rem.diagnostic,
                        enforcementLevel: "advisory",
                        severity: severity.get(rem.policyName) ?? "",
                        urn: r.urn,
                    },
                    order,
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
        const result = await host.analyze(requests.resource({ ...r, inputs }, "inputs", true));
        notApplicable += result.notApplicable.length;
        for (const d of result.diagnostics) {
            diagnostics.push({ d: { ...d, urn: d.urn || r.urn }, order });
        }
        done++;
        onProgress?.(done, resources.length, r.urn);
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
    return { diagnostics, remediations, notApplicable };
}

/**
 * AnalyzeStack once, with every resource's outputs, parents and dependencies. A stack policy's
 * violation without a URN is the stack's own: the engine files it under the root stack resource
 * (resolveStackPolicyViolationURN).
 */
async function analyzeStack(
    host: AnalyzerHost,
    requests: Requests,
    rootUrn: string,
): Promise<{ diagnostics: OrderedDiagnostic[]; notApplicable: number }> {
    const result = await host.analyzeStack(requests.stack());
    const diagnostics = result.diagnostics.map((d: Diagnostic) => {
        const urn = d.urn || rootUrn;
        return { d: { ...d, urn }, order: requests.order(urn) };
    });
    return { diagnostics, notApplicable: result.notApplicable.length };
}

/** Warns about invokes a program run left unanswered; returns them for the report. */
function unansweredInvokes(
    run: ProgramRun,
    onLog: CheckOptions["onLog"],
): { token: string; calls: number }[] {
    const out = Object.entries(run.unanswered)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([token, calls]) => ({ token, calls }));
    if (out.length > 0) {
        onLog?.(
            `warning: gdpr-guard does not answer ${out.map((i) => i.token).join(", ")} offline; their results were left unknown (answer them with --mocks FILE).`,
        );
    }
    return out;
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
    const stackName = stack || o.stack || "";
    const resources = snapshot.deployment.resources.filter((r) => !r.delete);
    const unanswered = unansweredInvokes(run, o.onLog);

    o.onPhase?.(`starting the policy pack`);
    const host = await AnalyzerHost.start(o.policyPack ?? bundledPackDir(), {
        stack: stackName,
        project,
        organization: run.stackInfo?.organization,
        config: run.stackInfo?.config,
        dryRun: o.preview ?? false,
        onLog: o.onLog,
        deadline,
    });
    try {
        const info = await configurePack(host, fileConfig, o);
        // Only write the snapshot once the inputs are known to be usable: nothing partial.
        if (o.emitState) {
            writeSnapshot(o.emitState, snapshot);
        }
        const requests = new Requests(resources);
        const perResource = await analyzeResources(
            host,
            info,
            resources,
            requests,
            !o.state,
            o.onProgress,
        );
        o.onPhase?.("running the stack rules");
        const rootUrn =
            resources.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent)?.urn ??
            `urn:pulumi:${stackName}::${project}::pulumi:pulumi:Stack::${project}-${stackName}`;
        const perStack = await analyzeStack(host, requests, rootUrn);
        const positions = new Map<string, string>();
        for (const r of resources) {
            if (r.sourcePosition) {
                positions.set(r.urn, r.sourcePosition);
            }
        }
        return {
            report: buildReport({
                info,
                stack: stackName,
                resources: resources.length,
                diagnostics: [...perResource.diagnostics, ...perStack.diagnostics],
                notApplicable: perResource.notApplicable + perStack.notApplicable,
                unanalyzed: run.unanalyzed,
                unansweredInvokes: unanswered,
            }),
            info,
            remediations: perResource.remediations,
            snapshot,
            positions,
        };
    } finally {
        await host.close();
    }
}
