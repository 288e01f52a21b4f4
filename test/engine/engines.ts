// Runs one snapshot through both engines — the real Pulumi CLI (`pulumi policy analyze --file`)
// and the offline engine (`gdpr-guard check --state`) — and returns what each found as
// comparable (policy, URN, enforcement level) findings. Used by differential.spec.ts.
import * as assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PACK = path.join(ROOT, "policypack");
/**
 * What `--policy-pack` points at for the real CLI: the launcher that starts PACK as an analyzer
 * plugin, because the Node.js language host the CLI needs for a pack directory cannot be built
 * here (docs/real-engine.md).
 */
export const PACK_LAUNCHER = path.join(ROOT, "scripts", "pulumi-analyzer-policy");
export const OFFLINE = path.join(ROOT, "dist", "cli", "main.js");
export const PULUMI_VERSION = "v3.274.1";

/** One finding, the unit both engines are compared on. */
export interface Finding {
    policy: string;
    urn: string;
    level: string;
}

export interface EngineResult {
    /** Process exit status. */
    status: number | null;
    /** Set when the engine rejected its input or config (no report). */
    error?: string;
    findings: Finding[];
    /** The raw output, for failure messages. */
    stdout: string;
    stderr: string;
}

export function key(f: Finding): string {
    return `${f.policy}  ${f.level}  ${f.urn}`;
}

/** A binary one of our build scripts makes, asked with `--no-build` so no test starts a build. */
function builtBy(script: string): { bin?: string; reason?: string } {
    const r = spawnSync("bash", [path.join(ROOT, "scripts", script), "--no-build"], {
        encoding: "utf8",
    });
    if (r.error) {
        return { reason: `cannot run scripts/${script}: ${r.error.message}` };
    }
    if (r.status !== 0) {
        // The scripts' last stderr line is the reason, after their "<name>: " prefix.
        return { reason: (r.stderr.trim().split("\n").pop() ?? "").replace(/^[a-z0-9-]+: /, "") };
    }
    return { bin: r.stdout.trim() };
}

/**
 * Where the real CLI is: `GDPR_GUARD_PULUMI` if set, else the one `scripts/pulumi-cli.sh` built
 * (asked with `--no-build`, so a test never starts a ten-minute build). `reason` says why not.
 */
export function locatePulumi(): { bin?: string; reason?: string } {
    const fromEnv = process.env.GDPR_GUARD_PULUMI;
    if (fromEnv) {
        return fs.existsSync(fromEnv)
            ? { bin: fromEnv }
            : { reason: `GDPR_GUARD_PULUMI=${fromEnv} does not exist` };
    }
    return builtBy("pulumi-cli.sh");
}

/** The Kubernetes provider `scripts/pulumi-k8s-provider.sh` built, for `pulumi preview`. */
export function locateK8sProvider(): { bin?: string; reason?: string } {
    return builtBy("pulumi-k8s-provider.sh");
}

/** An isolated Pulumi home and working directory, so nothing on this machine leaks in. */
export function pulumiEnv(
    bin: string,
    work: string,
    extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env)) {
        if (k.startsWith("PULUMI_")) delete env[k];
    }
    return {
        ...env,
        PATH: `${path.dirname(bin)}${path.delimiter}${env.PATH ?? ""}`,
        GDPR_GUARD_POLICY_PACK: PACK,
        PULUMI_HOME: path.join(work, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${path.join(work, "backend")}`,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
        NO_COLOR: "1",
        ...extra,
    };
}

export function tempDir(prefix: string, parent: string = os.tmpdir()): string {
    return fs.mkdtempSync(path.join(parent, prefix));
}

export function run(
    cmd: string,
    args: string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
): SpawnSyncReturns<string> {
    return spawnSync(cmd, args, {
        cwd,
        env,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        timeout: 180_000,
    });
}

/** `pulumi policy analyze --file SNAPSHOT --policy-pack LAUNCHER [--policy-pack-config CFG] --json`. */
export function analyzeWithPulumi(
    bin: string,
    snapshot: string,
    config: string | undefined,
    work: string,
    extraEnv: NodeJS.ProcessEnv = {},
): EngineResult {
    const args = [
        "policy",
        "analyze",
        "--file",
        snapshot,
        "--policy-pack",
        PACK_LAUNCHER,
        "--json",
        "--non-interactive",
    ];
    if (config) args.push("--policy-pack-config", config);
    fs.mkdirSync(path.join(work, "backend"), { recursive: true });
    const r = run(bin, args, work, pulumiEnv(bin, work, extraEnv));
    const out: EngineResult = {
        status: r.status,
        findings: [],
        stdout: r.stdout ?? "",
        stderr: r.stderr ?? "",
    };
    let summary = false;
    for (const line of out.stdout.split("\n")) {
        if (!line.startsWith("{")) continue;
        const event = JSON.parse(line);
        if (event.policyEvent) {
            const p = event.policyEvent;
            out.findings.push({
                policy: p.policyName,
                urn: p.resourceUrn ?? "",
                level: p.enforcementLevel,
            });
        }
        if (event.summaryEvent) summary = true;
    }
    if (!summary) {
        out.error = `${out.stderr}${r.error ? r.error.message : ""}`.trim() || `exit ${r.status}`;
    }
    return out;
}

/** `gdpr-guard check --state SNAPSHOT [--policy-config CFG] --format json`. */
export function checkOffline(
    snapshot: string,
    config: string | undefined,
    cwd: string = ROOT,
): EngineResult {
    return offlineCheck(["--state", snapshot], config, cwd);
}

/**
 * `gdpr-guard check INPUT… [--policy-config CFG] --format json`, INPUT being `--state FILE` or
 * `--program DIR --stack NAME [--preview]` (and any other flags, e.g. `--policy-pack DIR`).
 */
export function offlineCheck(
    input: string[],
    config: string | undefined,
    cwd: string = ROOT,
    env: NodeJS.ProcessEnv = process.env,
): EngineResult {
    const args = [OFFLINE, "check", ...input, "--format", "json"];
    if (config) args.push("--policy-config", config);
    const r = run(process.execPath, args, cwd, { ...env });
    const out: EngineResult = {
        status: r.status,
        findings: [],
        stdout: r.stdout ?? "",
        stderr: r.stderr ?? "",
    };
    if (r.status !== 0 && r.status !== 1) {
        out.error = `${out.stderr}${r.error ? r.error.message : ""}`.trim() || `exit ${r.status}`;
        return out;
    }
    const report = JSON.parse(out.stdout);
    for (const v of report.violations ?? []) {
        out.findings.push({ policy: v.policy, urn: v.urn, level: v.level });
    }
    return out;
}

/** The program runner: `gdpr-guard check --stack NAME --emit-state FILE`. */
/** Runs a program (the example project unless `program` names another) and emits its snapshot. */
export function emitState(stack: string, file: string, program = ROOT): SpawnSyncReturns<string> {
    return run(
        process.execPath,
        [
            OFFLINE,
            "check",
            "--stack",
            stack,
            "--program",
            program,
            "--emit-state",
            file,
            "--format",
            "json",
        ],
        ROOT,
        { ...process.env },
    );
}

/** Findings only one side has, as sorted lines; empty when the engines agree. */
export function difference(
    real: Finding[],
    offline: Finding[],
): { onlyReal: string[]; onlyOffline: string[] } {
    const a = new Set(real.map(key));
    const b = new Set(offline.map(key));
    return {
        onlyReal: [...a].filter((k) => !b.has(k)).sort(),
        onlyOffline: [...b].filter((k) => !a.has(k)).sort(),
    };
}

/**
 * A difference that comes from real-engine behaviour the offline engine does not reproduce,
 * written down in docs/real-engine.md: `finding` (a `key()` line) may differ in the variants
 * `variant` names. A listed difference may disappear (it is allowed, not required).
 */
export interface KnownDifference {
    variant: RegExp;
    finding: RegExp;
    why: string;
}

/** An engine's exit and the tail of its output, for failure messages. */
export function describeResult(name: string, r: EngineResult): string {
    const tail = (s: string): string => s.trim().split("\n").slice(-15).join("\n");
    return `${name}: exit ${r.status}\n${tail(r.error ?? r.stderr)}`;
}

/**
 * The differential verdict: both engines ran, found the same (policy, URN, level) findings as
 * many times (apart from `known` differences), and each one's exit status matches its findings —
 * the real CLI is non-zero exactly when a finding is mandatory, the offline engine exits 1 then
 * and 0 otherwise.
 */
export function assertSameFindings(
    variant: string,
    real: EngineResult,
    offline: EngineResult,
    known: KnownDifference[],
    realName: string,
): void {
    assert.equal(real.error, undefined, describeResult(realName, real));
    assert.equal(offline.error, undefined, describeResult("gdpr-guard check", offline));

    const isKnown = (k: string): boolean =>
        known.some((d) => d.variant.test(variant) && d.finding.test(k));
    const diff = difference(real.findings, offline.findings);
    assert.deepEqual(
        {
            onlyReal: diff.onlyReal.filter((k) => !isKnown(k)),
            onlyOffline: diff.onlyOffline.filter((k) => !isKnown(k)),
        },
        { onlyReal: [], onlyOffline: [] },
        `the engines disagree on ${variant} (${real.findings.length} real, ${offline.findings.length} offline findings)`,
    );
    // The same findings as many times (a rule may report one resource twice), known ones aside.
    const counted = (r: EngineResult): string[] =>
        r.findings
            .map(key)
            .filter((k) => !isKnown(k))
            .sort();
    assert.deepEqual(counted(real), counted(offline), "same findings, different counts");
    const realMandatory = real.findings.some((f) => f.level === "mandatory");
    const offlineMandatory = offline.findings.some((f) => f.level === "mandatory");
    assert.equal(real.status !== 0, realMandatory, describeResult(realName, real));
    assert.equal(
        offline.status,
        offlineMandatory ? 1 : 0,
        describeResult("gdpr-guard check", offline),
    );
}
