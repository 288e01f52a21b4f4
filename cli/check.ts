// `gdpr-guard check`: snapshot in (from a program run or a state file), report out. Mirrors the
// engine's AnalyzeSnapshot (pulumi/pulumi pkg/resource/deploy/analyze_snapshot.go): per resource,
// Remediate then Analyze with its inputs and its provider's inputs; then AnalyzeStack once with
// every resource's outputs, parents and dependencies.
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "./errors";
import {
    anyRemediates,
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
    type ManyResult,
    type OrderedDiagnostic,
    type StackEntry,
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

/** A started pack, configured: what it is, and whether any of its policies remediates. */
interface ConfiguredPack {
    host: AnalyzerHost;
    info: AnalyzerInfo;
    remediates: boolean;
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
): Promise<Omit<ConfiguredPack, "host">> {
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
    await host.configure(config);
    return { info, remediates: anyRemediates(info.policies, config) };
}

/** @pulumi/policy's reasons for a rule declared for another type (`validateResourceOfType`). */
const TYPE_FILTER = /^Policy only applies to (resources of type '.*'|'.*' resources)$/;

/**
 * How many rules declared themselves not applicable to a resource. The server's type filter — a
 * rule declared for one type, skipped on every other — is not counted: it says nothing about the
 * resource, and would count every such rule for every resource.
 */
function declinedByRules(notApplicable: { reason: string }[]): number {
    return notApplicable.filter((n) => !TYPE_FILTER.test(n.reason)).length;
}

/**
 * Remediate then Analyze, per resource, with its inputs. A program run is a preview: the engine
 * applies each remediation to the inputs before it analyses them (step_generator.go). A state
 * file is `pulumi policy analyze`: remediations are reported, not applied (analyze_snapshot.go).
 */
async function analyzeResources(
    { host, info, remediates }: ConfiguredPack,
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
        const rems = remediates ? await host.remediate(requests.resource(r, "inputs", false)) : [];
        for (const rem of rems) {
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
        notApplicable += declinedByRules(result.notApplicable);
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
    return { diagnostics, notApplicable: declinedByRules(result.notApplicable) };
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

/** The pack's identity for one stack: what the pack's environment and ConfigureStack carry. */
function stackIdentity(
    run: ProgramRun,
    fallbackStack: string | undefined,
): { stack: string; project: string; organization?: string; config?: Record<string, string> } {
    const { stack, project } = stackOf(run.snapshot);
    return {
        stack: stack || fallbackStack || "",
        project,
        organization: run.stackInfo?.organization,
        config: run.stackInfo?.config,
    };
}

/** Starts the pack for a stack and configures it (the pack's info, config reconciled and sent). */
async function startPack(
    o: CheckOptions,
    fileConfig: Record<string, PolicyConfig>,
    id: ReturnType<typeof stackIdentity>,
    deadline: number,
): Promise<ConfiguredPack> {
    o.onPhase?.(`starting the policy pack`);
    const host = await AnalyzerHost.start(o.policyPack ?? bundledPackDir(), {
        ...id,
        dryRun: o.preview ?? false,
        onLog: o.onLog,
        deadline,
    });
    try {
        return { host, ...(await configurePack(host, fileConfig, o)) };
    } catch (e) {
        await host.close();
        throw e;
    }
}

/** Analyzes one snapshot with a started, configured pack: per resource, then the stack. */
async function analyzeSnapshot(
    pack: ConfiguredPack,
    run: ProgramRun,
    stackName: string,
    o: Pick<CheckOptions, "onPhase" | "onProgress">,
    unanswered: { token: string; calls: number }[],
    applyRemediations: boolean,
): Promise<CheckResult> {
    const { snapshot } = run;
    const { project } = stackOf(snapshot);
    const resources = snapshot.deployment.resources.filter((r) => !r.delete);
    const requests = new Requests(resources);
    const perResource = await analyzeResources(
        pack,
        resources,
        requests,
        applyRemediations,
        o.onProgress,
    );
    o.onPhase?.("running the stack rules");
    const rootUrn =
        resources.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent)?.urn ??
        `urn:pulumi:${stackName}::${project}::pulumi:pulumi:Stack::${project}-${stackName}`;
    const perStack = await analyzeStack(pack.host, requests, rootUrn);
    const positions = new Map<string, string>();
    for (const r of resources) {
        if (r.sourcePosition) {
            positions.set(r.urn, r.sourcePosition);
        }
    }
    return {
        report: buildReport({
            info: pack.info,
            stack: stackName,
            resources: resources.length,
            diagnostics: [...perResource.diagnostics, ...perStack.diagnostics],
            notApplicable: perResource.notApplicable + perStack.notApplicable,
            unanalyzed: run.unanalyzed,
            unansweredInvokes: unanswered,
        }),
        info: pack.info,
        remediations: perResource.remediations,
        snapshot,
        positions,
    };
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
    const unanswered = unansweredInvokes(run, o.onLog);
    const id = stackIdentity(run, o.stack);
    const pack = await startPack(o, fileConfig, id, deadline);
    try {
        // Only write the snapshot once the inputs are known to be usable: nothing partial.
        if (o.emitState) {
            writeSnapshot(o.emitState, run.snapshot);
        }
        return await analyzeSnapshot(pack, run, id.stack, o, unanswered, !o.state);
    } finally {
        await pack.host.close();
    }
}

/** The file pattern of `--state DIR`: the `*.json` files directly in it, hidden ones excluded. */
export const STATE_DIR_PATTERN = /^[^.].*\.json$/;

/**
 * The export files that `--state` arguments name, in order: a file as given; a directory as the
 * files in it that match {@link STATE_DIR_PATTERN}, sorted by name. A directory without any is a
 * UsageError (a typo in a CI path must not pass as "nothing to check"); a missing file is not
 * (it is reported with the other stacks).
 */
export function stateFiles(paths: string[]): string[] {
    return paths.flatMap((p) => {
        let isDir = false;
        try {
            isDir = fs.statSync(p).isDirectory();
        } catch {
            return [p]; // readSnapshot says what is wrong with it, in the stack's entry
        }
        if (!isDir) {
            return [p];
        }
        const files = fs
            .readdirSync(p)
            .filter((f) => STATE_DIR_PATTERN.test(f))
            .sort()
            .map((f) => path.join(p, f))
            // A dangling link stays in, to be reported as unreadable like any bad export.
            .filter((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile() ?? true);
        if (files.length === 0) {
            throw new UsageError(
                `Folder "${p}" has no \`pulumi stack export\` files (*.json) to check.`,
            );
        }
        return files;
    });
}

export interface ManyOptions extends Omit<CheckOptions, "state" | "program" | "emitState"> {
    /** `--state` arguments: export files and folders of them ({@link stateFiles}). */
    states: string[];
    /** Called after each stack: (done, total, entry). */
    onStack?: (done: number, total: number, entry: StackEntry) => void;
}

/**
 * Checks many exported stacks with one pack process: started once, configured once, then per
 * stack a ConfigureStack with its name and project, the per-resource calls and AnalyzeStack. A
 * file that cannot be read or is not an export becomes an error entry and the others are still
 * checked; so does a stack during which the pack failed (the pack is then started afresh for the
 * next one). What makes the whole run unusable — the config, a folder without exports, a pack that
 * cannot start — throws a UsageError as for one stack.
 */
export async function checkMany(o: ManyOptions): Promise<ManyResult> {
    validateOptions({ ...o, state: o.states[0] });
    const fileConfig: Record<string, PolicyConfig> = o.policyConfig
        ? loadPolicyPackConfig(o.policyConfig)
        : {};
    const files = stateFiles(o.states);
    const deadline = Date.now() + (o.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    const out: ManyResult = { stacks: [] };
    let pack: ConfiguredPack | undefined;
    const push = (entry: StackEntry) => {
        out.stacks.push(entry);
        o.onStack?.(out.stacks.length, files.length, entry);
    };
    try {
        for (const [index, file] of files.entries()) {
            let run: ProgramRun;
            try {
                run = await snapshotFor({ ...o, state: file }, deadline);
            } catch (e) {
                if (!(e instanceof UsageError)) {
                    throw e;
                }
                push({ file, error: e.message });
                continue;
            }
            const id = stackIdentity(run, o.stack);
            const fresh = !pack;
            if (!pack) {
                try {
                    pack = await startPack(o, fileConfig, id, deadline);
                } catch (e) {
                    // The first start failing makes the run unusable; a restart failing (the
                    // run's deadline passed, say) must not lose the stacks already checked.
                    if (!(e instanceof UsageError) || out.info === undefined) {
                        throw e;
                    }
                    for (const rest of files.slice(index)) {
                        push({
                            file: rest,
                            error: `"${rest}" was not checked: the pack could not be started again: ${e.message}`,
                        });
                    }
                    break;
                }
                out.info = pack.info;
            }
            try {
                if (!fresh) {
                    await pack.host.configureStack({ ...id, dryRun: false });
                }
                push({
                    file,
                    result: await analyzeSnapshot(pack, run, id.stack, o, [], false),
                });
            } catch (e) {
                if (!(e instanceof UsageError)) {
                    throw e;
                }
                // The pack failed on this stack: it is not trusted with the next one.
                push({
                    file,
                    error: `Stack "${id.stack}" of "${file}" could not be checked: ${e.message}`,
                });
                await pack.host.close();
                pack = undefined;
            }
        }
    } finally {
        await pack?.host.close();
    }
    return out;
}
