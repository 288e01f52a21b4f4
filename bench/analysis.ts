// Benchmark 2: analysis throughput and linearity. Drives the analyzer host directly, the way
// `check` does (cli/check.ts: per resource Remediate then Analyze with its inputs and provider,
// 8 requests in flight; then one AnalyzeStack with every resource's outputs, parents and
// dependencies), so the per-resource phase and the stack phase are timed apart. The end-to-end
// `check --state` is timed too, by spawning the built CLI.
import { spawn } from "node:child_process";
import { reconcilePolicyPackConfig } from "../dist/cli/config";
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
}

async function analyzeAll(
    host: AnalyzerHost,
    p: Prepared,
): Promise<{ analyzeMs: number; stackMs: number; diagnostics: number; stackDiagnostics: number }> {
    let diagnostics = 0;
    const queue = [...p.perResource];
    const t0 = now();
    await Promise.all(
        Array.from({ length: Math.min(8, queue.length) }, async () => {
            for (let r = queue.shift(); r; r = queue.shift()) {
                await host.remediate(r);
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
        const info = await host.getAnalyzerInfo();
        o.afterInfo?.();
        await host.configure(reconcilePolicyPackConfig(info.policies, info.initialConfig, {}));
        if (o.warmup) {
            await analyzeAll(host, o.warmup);
        }
        return { resources: p.resources, ...(await analyzeAll(host, p)) };
    } finally {
        await host.close();
    }
}

export interface CliRun {
    ms: number;
    violations: number;
    resources: number;
}

/** `node dist/cli/main.js check --state FILE --format json`, end to end (pack start included). */
export async function checkStateCli(
    cliMain: string,
    stateFile: string,
    cwd: string,
): Promise<CliRun> {
    const t0 = now();
    const { code, stdout, stderr } = await new Promise<{
        code: number;
        stdout: string;
        stderr: string;
    }>((resolve) => {
        const p = spawn(
            process.execPath,
            [cliMain, "check", "--state", stateFile, "--format", "json"],
            {
                cwd,
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
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
            `check --state ${stateFile} exited ${code}: ${stderr.trim().split("\n")[0]}`,
        );
    }
    const report = JSON.parse(stdout) as { violations: unknown[]; summary: { resources: number } };
    return { ms, violations: report.violations.length, resources: report.summary.resources };
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
        const info = await host.getAnalyzerInfo();
        await host.configure(reconcilePolicyPackConfig(info.policies, info.initialConfig, {}));
        const perResource: number[] = [];
        for (let i = 0; i < passes; i++) {
            const { analyzeMs } = await analyzeAll(host, { ...p, stack: [] });
            perResource.push(analyzeMs / p.resources);
        }
        return perResource;
    } finally {
        await host.close();
    }
}
