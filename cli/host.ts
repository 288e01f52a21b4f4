// The analyzer host: the Analyzer gRPC protocol spoken to a started policy pack, with the generated
// clients shipped in @pulumi/pulumi/proto. Every call has a deadline, and a pack that dies, throws
// past its handlers or stops answering fails the call at once (PackFailure). pack-process.ts starts
// the pack; proto.ts converts the messages.
import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as fs from "node:fs";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type { PolicyConfig } from "./config";
import { UsageError, oneLine } from "./errors";
import { startEngineService, startPackProcess } from "./pack-process";
import {
    analyzeRequest,
    analyzeResult,
    analyzeStackRequest,
    analyzerInfo,
    configureRequest,
    remediations,
    type AnalyzeResult,
    type AnalyzerInfo,
    type AnalyzerResource,
    type RemediationResult,
} from "./proto";

export interface StartOptions {
    /** Epoch milliseconds by which the whole run must end (`--timeout`); no call waits past it. */
    deadline?: number;
    stack: string;
    project: string;
    organization?: string;
    dryRun: boolean;
    /** The stack's config, `ns:key` → value, as the engine passes it to the pack in PULUMI_CONFIG. */
    config?: Record<string, string>;
    /** Called with each line the pack logs (stderr, or through the Engine service). */
    onLog?: (line: string) => void;
}

type UnaryCall<Req, Res> = (
    req: Req,
    metadata: grpc.Metadata,
    options: Partial<grpc.CallOptions>,
    cb: (err: grpc.ServiceError | null, res: Res) => void,
) => unknown;

/** How long one resource's Remediate or Analyze may take before the pack counts as stuck. */
export const RESOURCE_CALL_MS = 120_000;

/** The pack's own words for an exception that escaped its handlers (it then stops answering). */
const UNHANDLED = /failed with an unhandled exception:?\s*([^\n]*)/;

/** The pack died, threw past its handlers or stopped answering: no call of this run can succeed. */
class PackFailure extends Error {}

export class AnalyzerHost {
    /** Why the pack can no longer answer, once it is known (the first reason wins). */
    private failure: PackFailure | undefined;
    /** The calls in flight, to fail at once when the pack does. */
    private readonly waiting = new Set<(e: PackFailure) => void>();

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: analyzerrpc.AnalyzerClient,
        private readonly engine: grpc.Server,
        private readonly stderrTail: string[],
        private readonly deadline: number,
    ) {
        child.on("exit", (code, signal) => {
            const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
            const last = [...stderrTail].reverse().find((l) => /error/i.test(l));
            this.fail(`the pack ${why}${last ? ` (${oneLine(last)})` : ""}`);
        });
    }

    /** The pack has died or thrown past its handlers: every call in flight fails with it. */
    private fail(reason: string): void {
        if (this.failure) {
            return;
        }
        this.failure = new PackFailure(reason);
        for (const reject of this.waiting) {
            reject(this.failure);
        }
        this.waiting.clear();
    }

    /**
     * `p`, or the pack's failure if that comes first. Unlike a race with one long-lived "failed"
     * promise, which keeps a reaction — and with it every call's answer — until the pack ends, it
     * holds nothing once `p` has settled.
     */
    private orFailure<T>(p: Promise<T>): Promise<T> {
        if (this.failure) {
            return Promise.reject(this.failure);
        }
        return new Promise<T>((resolve, reject) => {
            this.waiting.add(reject);
            p.then(resolve, reject).finally(() => this.waiting.delete(reject));
        });
    }

    /** Called with what the pack writes or logs; an unhandled exception ends the run. */
    private watch(text: string): void {
        const m = UNHANDLED.exec(text);
        if (m) {
            this.fail(`it threw ${oneLine(m[1] || "an exception")}`);
        }
    }

    /**
     * One RPC with a deadline: the earlier of `capMs` from now and the run's deadline. A pack that
     * dies or throws past its handlers fails the call at once instead of leaving it waiting.
     */
    private call<Req, Res>(fn: UnaryCall<Req, Res>, req: Req, capMs = Infinity): Promise<Res> {
        const started = Date.now();
        const deadline = Math.min(started + capMs, this.deadline);
        const rpc = new Promise<Res>((resolve, reject) =>
            fn.call(this.client, req, new grpc.Metadata(), { deadline }, (err, res) =>
                err ? reject(err) : resolve(res),
            ),
        );
        return this.orFailure(rpc).catch(async (e: unknown) => {
            const code = (e as grpc.ServiceError).code;
            if (code === grpc.status.DEADLINE_EXCEEDED) {
                const seconds = Math.round((deadline - started) / 1000);
                throw new PackFailure(`it did not answer within ${seconds} seconds`);
            }
            if (code === grpc.status.UNAVAILABLE || code === grpc.status.INTERNAL) {
                // A dropped connection is usually the pack dying: say that, if it is.
                await this.orFailure(new Promise((r) => setTimeout(r, 2000)));
            }
            throw e;
        });
    }

    /** Starts the pack in `packDir` and connects to it. Fails with a one-line UsageError. */
    static async start(packDir: string, opts: StartOptions): Promise<AnalyzerHost> {
        const dir = path.resolve(packDir);
        if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
            throw new UsageError(`"${packDir}" is not a policy pack: it has no PulumiPolicy.yaml.`);
        }
        // Set once the host exists; the pack's logs and stderr reach it from then on.
        const heard: { host?: AnalyzerHost } = {};
        const hear = (text: string) => heard.host?.watch(text);
        const engine = await startEngineService(opts.onLog, hear);
        const pack = await startPackProcess(packDir, dir, engine.port, opts, hear);
        const client = new analyzerrpc.AnalyzerClient(
            `127.0.0.1:${pack.port}`,
            grpc.credentials.createInsecure(),
            {
                "grpc.max_receive_message_length": 400 * 1024 * 1024,
                "grpc.max_send_message_length": 400 * 1024 * 1024,
            },
        );
        const host = new AnalyzerHost(
            pack.child,
            client,
            engine.server,
            pack.stderrTail,
            opts.deadline ?? Infinity,
        );
        heard.host = host;
        await host.handshake(dir, engine.port);
        await host.configureStack(opts);
        return host;
    }

    private async handshake(dir: string, enginePort: number): Promise<void> {
        const req = new analyzerpb.AnalyzerHandshakeRequest();
        req.setEngineAddress(`127.0.0.1:${enginePort}`);
        req.setRootDirectory(dir);
        req.setProgramDirectory(dir);
        try {
            await this.call(this.client.handshake, req);
        } catch (e) {
            if ((e as grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) {
                throw this.rpcError("Handshake", e);
            }
        }
    }

    /** Tells the pack which stack it analyzes next (at start, and between the stacks of a run). */
    async configureStack(
        opts: Pick<StartOptions, "stack" | "project" | "organization" | "dryRun" | "config">,
    ): Promise<void> {
        const req = new analyzerpb.AnalyzerStackConfigureRequest();
        req.setStack(opts.stack);
        req.setProject(opts.project);
        req.setOrganization(opts.organization ?? "");
        req.setDryRun(opts.dryRun);
        for (const [k, v] of Object.entries(opts.config ?? {})) {
            req.getConfigMap().set(k, v);
        }
        try {
            await this.call(this.client.configureStack, req);
        } catch (e) {
            if ((e as grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) {
                throw this.rpcError("ConfigureStack", e);
            }
        }
    }

    private rpcError(call: string, e: unknown): UsageError {
        const detail =
            e instanceof PackFailure
                ? e.message
                : ((e as grpc.ServiceError).details ?? (e as Error).message);
        return new UsageError(`The policy pack failed during ${call}: ${oneLine(detail)}.`);
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        let res: analyzerpb.AnalyzerInfo;
        try {
            res = await this.call(this.client.getAnalyzerInfo, new Empty());
        } catch (e) {
            throw this.rpcError("GetAnalyzerInfo", e);
        }
        return analyzerInfo(res);
    }

    async configure(config: Record<string, PolicyConfig>): Promise<void> {
        if (Object.keys(config).length === 0) {
            return;
        }
        try {
            await this.call(this.client.configure, configureRequest(config));
        } catch (e) {
            throw this.rpcError("Configure", e);
        }
    }

    async analyze(r: AnalyzerResource): Promise<AnalyzeResult> {
        let res: analyzerpb.AnalyzeResponse;
        try {
            res = await this.call(this.client.analyze, analyzeRequest(r), RESOURCE_CALL_MS);
        } catch (e) {
            throw this.rpcError(`Analyze of ${r.urn}`, e);
        }
        return analyzeResult(res);
    }

    async remediate(r: AnalyzerResource): Promise<RemediationResult[]> {
        let res: analyzerpb.RemediateResponse;
        try {
            res = await this.call(this.client.remediate, analyzeRequest(r), RESOURCE_CALL_MS);
        } catch (e) {
            if ((e as grpc.ServiceError).code === grpc.status.UNIMPLEMENTED) {
                return [];
            }
            throw this.rpcError(`Remediate of ${r.urn}`, e);
        }
        return remediations(res);
    }

    async analyzeStack(resources: AnalyzerResource[]): Promise<AnalyzeResult> {
        let res: analyzerpb.AnalyzeResponse;
        try {
            res = await this.call(this.client.analyzeStack, analyzeStackRequest(resources));
        } catch (e) {
            if ((e as grpc.ServiceError).code === grpc.status.UNIMPLEMENTED) {
                return { diagnostics: [], notApplicable: [] };
            }
            throw this.rpcError("AnalyzeStack", e);
        }
        return analyzeResult(res);
    }

    /** Stops the pack and the engine service. Safe to call twice. */
    async close(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null && !this.child.killed) {
            this.child.kill();
        }
        await new Promise<void>((resolve) => this.engine.tryShutdown(() => resolve()));
    }

    /** The pack's process id (the benchmarks read its peak memory). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /** The last lines the pack wrote to stderr (for diagnosing a crash). */
    recentStderr(): string[] {
        return [...this.stderrTail];
    }
}
