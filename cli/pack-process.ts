// Starting a policy pack as the Pulumi CLI does, and the small Engine service it talks back to:
//
//   node <pack's @pulumi/pulumi>/cmd/run-policy-pack <engine-address> .     (cwd = the pack)
//
// The pack prints its port on the first line of stdout. The engine address is a small Engine
// service of our own, so a pack that logs through the engine is heard (its logs go to stderr).
// host.ts speaks the Analyzer protocol to the started pack.
import { spawn, type ChildProcess } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginepb from "@pulumi/pulumi/proto/engine_pb";
import { UsageError, oneLine } from "./errors";
import type { StartOptions } from "./host";
import { track } from "./processes";

const ANSI = /\x1b\[[0-9;]*m/g;

/** Finds the pack's own `@pulumi/pulumi/cmd/run-policy-pack`, as `pulumi-analyzer-policy` does. */
export function resolveRunPolicyPack(packDir: string): string {
    try {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    } catch {
        throw new UsageError(
            `The policy pack at "${packDir}" has no @pulumi/pulumi installed; run \`npm install\` there (or in a parent folder) first.`,
        );
    }
}

/**
 * The Engine service a pack logs through, on a loopback port. `onLog` gets each message, `hear`
 * each message without colour codes (the host watches them for unhandled exceptions).
 */
export async function startEngineService(
    onLog: ((line: string) => void) | undefined,
    hear: (text: string) => void,
): Promise<{ server: grpc.Server; port: number }> {
    const engine = new grpc.Server();
    engine.addService(enginerpc.EngineService, {
        log: (
            call: grpc.ServerUnaryCall<enginepb.LogRequest, Empty>,
            cb: grpc.sendUnaryData<Empty>,
        ) => {
            onLog?.(call.request.getMessage());
            hear(call.request.getMessage().replace(ANSI, ""));
            cb(null, new Empty());
        },
        getRootResource: (_c: unknown, cb: grpc.sendUnaryData<enginepb.GetRootResourceResponse>) =>
            cb(null, new enginepb.GetRootResourceResponse()),
        setRootResource: (_c: unknown, cb: grpc.sendUnaryData<enginepb.SetRootResourceResponse>) =>
            cb(null, new enginepb.SetRootResourceResponse()),
        startDebugging: (_c: unknown, cb: grpc.sendUnaryData<Empty>) => cb(null, new Empty()),
        requirePulumiVersion: (_c: unknown, cb: grpc.sendUnaryData<any>) =>
            cb(null, new (enginepb as any).RequirePulumiVersionResponse()),
    });
    const port = await new Promise<number>((resolve, reject) =>
        engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
            err ? reject(err) : resolve(port),
        ),
    );
    return { server: engine, port };
}

/**
 * Starts `run-policy-pack` in `dir` against the engine service at `enginePort`, with the stack's
 * identity in the environment as the language host sets it, and waits for its port (within the
 * deadline, at most two minutes). `hear` gets what it writes to stderr.
 */
export async function startPackProcess(
    packDir: string,
    dir: string,
    enginePort: number,
    opts: StartOptions,
    hear: (text: string) => void,
): Promise<{ child: ChildProcess; port: number; stderrTail: string[] }> {
    const runPolicyPack = resolveRunPolicyPack(dir);
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (opts.config && Object.keys(opts.config).length > 0) {
        env.PULUMI_CONFIG = JSON.stringify(opts.config);
    }
    for (const [k, v] of Object.entries({
        ORGANIZATION: opts.organization,
        PROJECT: opts.project,
        STACK: opts.stack,
        DRY_RUN: String(opts.dryRun),
    })) {
        if (v) {
            env[`PULUMI_NODEJS_${k}`] = v;
            env[`PULUMI_${k}`] = v;
        }
    }
    const child = track(
        spawn(process.execPath, [runPolicyPack, `127.0.0.1:${enginePort}`, "."], {
            cwd: dir,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        }),
    );
    const stderrTail: string[] = [];
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
        const text = chunk.replace(ANSI, "");
        for (const line of text.split(/\r?\n/)) {
            if (line.trim() !== "") {
                stderrTail.push(line);
                if (stderrTail.length > 50) {
                    stderrTail.shift();
                }
                opts.onLog?.(line);
            }
        }
        hear(text);
    });
    const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        const startMs = Math.max(0, Math.min(120_000, (opts.deadline ?? Infinity) - Date.now()));
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(
                new UsageError(
                    `The policy pack at "${packDir}" did not start within ${Math.round(startMs / 1000)} seconds.`,
                ),
            );
        }, startMs);
        child.stdout!.setEncoding("utf8");
        const onData = (chunk: string) => {
            out += chunk;
            const nl = out.indexOf("\n");
            if (nl >= 0) {
                clearTimeout(timer);
                child.stdout!.off("data", onData);
                const first = out.slice(0, nl).trim();
                const n = Number(first);
                if (!Number.isInteger(n) || n <= 0) {
                    child.kill();
                    reject(
                        new UsageError(
                            `The policy pack at "${packDir}" printed "${first.slice(0, 80)}" instead of its port.`,
                        ),
                    );
                } else {
                    resolve(n);
                }
            }
        };
        child.stdout!.on("data", onData);
        child.on("exit", (code) => {
            clearTimeout(timer);
            const reason =
                stderrTail.find((l) => /error|invalid|cannot|failed/i.test(l)) ??
                stderrTail[0] ??
                `exit code ${code}`;
            reject(
                new UsageError(
                    `The policy pack at "${packDir}" failed to start: ${oneLine(reason)}`,
                ),
            );
        });
    });
    return { child, port, stderrTail };
}
