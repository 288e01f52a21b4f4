// Runs one snapshot through both engines — the real Pulumi CLI (`pulumi policy analyze --file`)
// and the offline engine (`gdpr-guard check --state`) — and returns what each found as
// comparable (policy, URN, enforcement level) findings. Used by differential.spec.ts.
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
    const r = spawnSync("bash", [path.join(ROOT, "scripts", "pulumi-cli.sh"), "--no-build"], {
        encoding: "utf8",
    });
    if (r.error) {
        return { reason: `cannot run scripts/pulumi-cli.sh: ${r.error.message}` };
    }
    if (r.status !== 0) {
        return { reason: (r.stderr.trim().split("\n").pop() ?? "").replace(/^pulumi-cli: /, "") };
    }
    return { bin: r.stdout.trim() };
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

function run(
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
    const args = [OFFLINE, "check", "--state", snapshot, "--format", "json"];
    if (config) args.push("--policy-config", config);
    const r = run(process.execPath, args, cwd, { ...process.env });
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
