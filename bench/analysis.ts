// Benchmark 2: analysis throughput and linearity. Drives the analyzer host directly, the way
// `check` does (cli/check.ts: per resource Remediate — when a policy remediates — then Analyze
// with its inputs and provider, 8 requests in flight; then one AnalyzeStack with every resource's
// outputs, parents and dependencies), so the per-resource phase and the stack phase are timed apart. The end-to-end
// `check --state` is timed too, by spawning the built CLI.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { anyRemediates, reconcilePolicyPackConfig } from "../dist/cli/config";
import { AnalyzerHost } from "../dist/cli/host";
import type { AnalyzerResource } from "../dist/cli/proto";
import { Requests } from "../dist/cli/requests";
import { stackOf, type UntypedDeployment } from "../dist/cli/snapshot";
import { now } from "./stats";

interface Prepared {
    resources: number;
    /** What Analyze / Remediate get: inputs, without internal keys. */
    perResource: AnalyzerResource[];
    /** What AnalyzeStack gets: outputs, parents and dependencies. */
    stack: AnalyzerResource[];
}

/** Converts a snapshot into analyzer requests with cli/requests.ts, the builder check.ts uses. */
export function prepare(snapshot: UntypedDeployment): Prepared {
    const resources = snapshot.deployment.resources.filter((r) => !r.delete);
    const requests = new Requests(resources);
    return {
        resources: resources.length,
        perResource: resources.map((r) => requests.resource(r, "inputs", true)),
        stack: requests.stack(),
    };
}

export interface AnalysisRun {
    resources: number;
    /** Milliseconds for Remediate + Analyze of every resource. */
    analyzeMs: number;
    /** Milliseconds for the one AnalyzeStack call. */
    stackMs: number;
    /** Diagnostics from the per-resource phase and from AnalyzeStack. */
    diagnostics: number;
    stackDiagnostics: number;
    /** The pack process's peak resident memory (VmHWM), MB; undefined where /proc is missing. */
    packPeakRssMb?: number;
}

/** Peak resident set size of a live process in MB (Linux /proc VmHWM), or undefined. */
export function peakRssMb(pid: number | undefined): number | undefined {
    try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return m ? Number(m[1]) / 1024 : undefined;
    } catch {
        return undefined;
    }
}

async function analyzeAll(
    host: AnalyzerHost,
    p: Prepared,
    remediates: boolean,
): Promise<{ analyzeMs: number; stackMs: number; diagnostics: number; stackDiagnostics: number }> {
    let diagnostics = 0;
    const queue = [...p.perResource];
    const t0 = now();
    await Promise.all(
        Array.from({ length: Math.min(8, queue.length) }, async () => {
            for (let r = queue.shift(); r; r = queue.shift()) {
                if (remediates) {
                    await host.remediate(r);
                }
                diagnostics += (await host.analyze(r)).diagnostics.length;
            }
        }),
    );
    const t1 = now();
    if (p.stack.length === 0) {
        return { analyzeMs: t1 - t0, stackMs: 0, diagnostics, stackDiagnostics: 0 };
    }
    const stackResult = await host.analyzeStack(p.stack);
    const t2 = now();
    return {
        analyzeMs: t1 - t0,
        stackMs: t2 - t1,
        diagnostics,
        stackDiagnostics: stackResult.diagnostics.length,
    };
}

/** GetAnalyzerInfo, then Configure with the pack's defaults, as check does; whether it remediates. */
async function configureDefaults(host: AnalyzerHost, afterInfo?: () => void): Promise<boolean> {
    const info = await host.getAnalyzerInfo();
    afterInfo?.();
    const config = reconcilePolicyPackConfig(info.policies, info.initialConfig, {});
    await host.configure(config);
    return anyRemediates(info.policies, config);
}

export interface HostOptions {
    /** Analyzed once, untimed, before the measured pass: takes JIT warm-up out of the comparison. */
    warmup?: Prepared;
    /** Called once GetAnalyzerInfo has been answered (the module audit marks start-up's end). */
    afterInfo?: () => void;
}

/** Starts `packDir` (not timed), then times one analysis of `p`. */
export async function analyzeWithHost(
    packDir: string,
    snapshot: UntypedDeployment,
    p: Prepared,
    o: HostOptions = {},
): Promise<AnalysisRun> {
    const { stack, project } = stackOf(snapshot);
    const host = await AnalyzerHost.start(packDir, { stack, project, dryRun: false });
    try {
        const remediates = await configureDefaults(host, o.afterInfo);
        if (o.warmup) {
            await analyzeAll(host, o.warmup, remediates);
        }
        const run = await analyzeAll(host, p, remediates);
        return { resources: p.resources, ...run, packPeakRssMb: peakRssMb(host.pid) };
    } finally {
        await host.close();
    }
}

export interface CliRun {
    ms: number;
    violations: number;
    resources: number;
    /** Stacks in the report (1 for one export). */
    stacks: number;
    /** Peak resident memory of the run's largest process (the CLI or the pack), MB, if measurable. */
    peakRssMb?: number;
}

const GNU_TIME = "/usr/bin/time";

/**
 * `node dist/cli/main.js check --state FILE… --format json`, end to end (pack start included),
 * under GNU time when present, which reports the peak RSS of the CLI and of the pack it waited for.
 */
export async function checkStateCli(
    cliMain: string,
    stateFiles: string | string[],
    cwd: string,
): Promise<CliRun> {
    const files = Array.isArray(stateFiles) ? stateFiles : [stateFiles];
    const args = [cliMain, "check", "--state", ...files, "--format", "json"];
    const timed = fs.existsSync(GNU_TIME);
    const t0 = now();
    const { code, stdout, stderr } = await new Promise<{
        code: number;
        stdout: string;
        stderr: string;
    }>((resolve) => {
        const p = timed
            ? spawn(GNU_TIME, ["-f", "gdpr-guard-bench-maxrss-kb=%M", process.execPath, ...args], {
                  cwd,
                  stdio: ["ignore", "pipe", "pipe"],
              })
            : spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (err += d));
        p.on("exit", (c) => resolve({ code: c ?? 1, stdout: out, stderr: err }));
    });
    const ms = now() - t0;
    // Exit 1 means mandatory violations: expected for legacy-sync.
    if (code !== 0 && code !== 1) {
        throw new Error(
            `check --state ${files[0]}… exited ${code}: ${stderr.trim().split("\n")[0]}`,
        );
    }
    const rss = /gdpr-guard-bench-maxrss-kb=(\d+)/.exec(stderr);
    type One = { violations: unknown[]; summary: { resources: number } };
    const doc = JSON.parse(stdout) as One | { stacks: { report: One }[] };
    const reports = "stacks" in doc ? doc.stacks.map((s) => s.report) : [doc];
    return {
        ms,
        violations: reports.reduce((n, r) => n + r.violations.length, 0),
        resources: reports.reduce((n, r) => n + r.summary.resources, 0),
        stacks: reports.length,
        peakRssMb: rss ? Number(rss[1]) / 1024 : undefined,
    };
}

/**
 * Analyzes the same snapshot `passes` times in one pack process and returns the per-resource
 * Analyze+Remediate milliseconds of each pass. A pack that keeps no per-call state answers pass
 * after pass in the same time; one whose cost grows with what it has already analyzed (state
 * that only grows, searched on every call) gets slower each pass — quadratic over a run.
 */
export async function agingPasses(
    packDir: string,
    snapshot: UntypedDeployment,
    p: Prepared,
    passes: number,
): Promise<number[]> {
    const { stack, project } = stackOf(snapshot);
    const host = await AnalyzerHost.start(packDir, { stack, project, dryRun: false });
    try {
        const remediates = await configureDefaults(host);
        const perResource: number[] = [];
        for (let i = 0; i < passes; i++) {
            const { analyzeMs } = await analyzeAll(host, { ...p, stack: [] }, remediates);
            perResource.push(analyzeMs / p.resources);
        }
        return perResource;
    } finally {
        await host.close();
    }
}
