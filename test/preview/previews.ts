// Runs one Kubernetes program through both engines' previews — the real Pulumi CLI
// (`pulumi preview --policy-pack ./policypack`, the pack a directory started by our
// scripts/pulumi-language-nodejs, the resources previewed by the real Kubernetes provider) and the
// offline engine (`gdpr-guard check --program DIR --preview`) — and returns what each found as
// comparable findings. Used by preview.spec.ts; the snapshot differential's helpers
// (test/engine/engines.ts) do the rest.
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import {
    offlineCheck,
    pulumiEnv,
    ROOT,
    run,
    type EngineResult,
    type Finding,
} from "../engine/engines";

/** Where the language-host launcher lives: this directory goes first on the CLI's PATH. */
export const SCRIPTS = path.join(ROOT, "scripts");
/** The name the pack under test serves under (policypack/index.ts). */
export const PACK_NAME = "gdpr-guard";

/**
 * A loopback port nothing listens on (bound by us, then closed), for the kubeconfigs: the
 * provider then previews in its "cluster unreachable" mode, and can reach nothing else.
 */
export function closedLoopbackPort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

/**
 * A kubeconfig for `server`: what KUBECONFIG points the default provider at. Its user has a
 * placeholder token, because with no credentials at all client-go asks for a user name on stdin
 * and the preview waits for ever.
 */
export function loopbackKubeconfig(server: string, token = "loopback-placeholder"): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "loopback", cluster: { server } }],
        users: [{ name: "nobody", user: { token } }],
        contexts: [{ name: "loopback", context: { cluster: "loopback", user: "nobody" } }],
        "current-context": "loopback",
    });
}

/** The real CLI on PATH next to our launcher and the Kubernetes provider, in an isolated home. */
export function previewEnv(
    pulumi: string,
    provider: string,
    work: string,
    extra: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
    const env = pulumiEnv(pulumi, work, extra);
    return {
        ...env,
        PATH: [SCRIPTS, path.dirname(provider), env.PATH].join(path.delimiter),
    };
}

/** `pulumi ARGS…` in `cwd`; a non-zero exit is a one-line error with the CLI's last words. */
export function pulumiCommand(
    bin: string,
    args: string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
): void {
    const r = run(bin, [...args, "--non-interactive"], cwd, env);
    if (r.status !== 0) {
        const last = `${r.stderr ?? ""}${r.error?.message ?? ""}`.trim().split("\n").pop();
        throw new Error(`pulumi ${args.slice(0, 2).join(" ")} failed (exit ${r.status}): ${last}`);
    }
}

export interface PolicyPackRun {
    dir: string;
    config?: string;
}

export interface PreviewResult extends EngineResult {
    /** Error diagnostics of the preview (the program or a provider failing), one per line. */
    errors: string[];
}

/**
 * `pulumi preview --policy-pack DIR [--policy-pack-config CFG]… --event-log FILE` of the stack in
 * `cwd`. Findings are the event log's `policyEvent`s of the pack under test (other packs, such as
 * the probe, report nothing); `error` is set when the preview did not finish (no summary event).
 */
export function previewWithPulumi(
    bin: string,
    cwd: string,
    stack: string,
    packs: PolicyPackRun[],
    eventLog: string,
    env: NodeJS.ProcessEnv,
): PreviewResult {
    const args = ["preview", "--stack", stack, "--non-interactive", "--event-log", eventLog];
    for (const p of packs) args.push("--policy-pack", p.dir);
    if (packs.some((p) => p.config)) {
        for (const p of packs) args.push("--policy-pack-config", p.config ?? emptyConfig(eventLog));
    }
    // --event-log is a debugging flag: the CLI hides it unless asked to show such commands.
    const r = run(bin, args, cwd, { ...env, PULUMI_DEBUG_COMMANDS: "true" });
    const out: PreviewResult = {
        status: r.status,
        findings: [],
        errors: [],
        stdout: r.stdout ?? "",
        stderr: r.stderr ?? "",
    };
    let summary = false;
    const lines = fs.existsSync(eventLog) ? fs.readFileSync(eventLog, "utf8").split("\n") : [];
    for (const line of lines) {
        if (!line.startsWith("{")) continue;
        const event = JSON.parse(line);
        const p = event.policyEvent;
        if (p && p.policyPackName === PACK_NAME) {
            out.findings.push({
                policy: p.policyName,
                urn: p.resourceUrn ?? "",
                level: p.enforcementLevel,
            } satisfies Finding);
        }
        const d = event.diagnosticEvent;
        if (d && d.severity === "error") {
            out.errors.push(`${d.urn ?? ""} ${String(d.message).trim()}`.trim());
        }
        if (event.summaryEvent) summary = true;
    }
    if (!summary) {
        out.error =
            [...out.errors, out.stderr.trim(), r.error?.message ?? ""].filter(Boolean).join("\n") ||
            `exit ${r.status}`;
    }
    return out;
}

/** A pack config that changes nothing, for a pack that runs next to one with a config. */
function emptyConfig(near: string): string {
    const file = path.join(path.dirname(near), "empty-policy-config.json");
    if (!fs.existsSync(file)) fs.writeFileSync(file, "{}\n");
    return file;
}

/** `gdpr-guard check --program DIR --stack STACK --preview [--policy-pack DIR] [--policy-config CFG]`. */
export function checkProgramOffline(
    dir: string,
    stack: string,
    config: string | undefined,
    env: NodeJS.ProcessEnv,
    packDir?: string,
): EngineResult {
    const input = ["--program", dir, "--stack", stack, "--preview"];
    if (packDir) input.push("--policy-pack", packDir);
    return offlineCheck(input, config, ROOT, env);
}

/** One record of test/fixtures/probe-pack. */
export interface ProbeRecord {
    kind: "start" | "resource" | "stack";
    urn?: string;
    [field: string]: unknown;
}

/** The probe pack's records, in the order it wrote them. */
export function readProbe(file: string): ProbeRecord[] {
    if (!fs.existsSync(file)) return [];
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as ProbeRecord);
}
