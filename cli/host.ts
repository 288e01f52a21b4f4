// The analyzer host: starts a policy pack exactly as the Pulumi CLI does and speaks the Analyzer
// gRPC protocol to it with the generated clients shipped in @pulumi/pulumi/proto.
//
//   node <pack's @pulumi/pulumi>/cmd/run-policy-pack <engine-address> .     (cwd = the pack)
//
// The pack prints its port on the first line of stdout. The engine address is a small Engine
// service of our own, so a pack that logs through the engine is heard (its logs go to stderr).
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as fs from "node:fs";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginepb from "@pulumi/pulumi/proto/engine_pb";
import { UsageError, oneLine } from "./errors";
import { track } from "./processes";
import type { EnforcementLevel, PolicyConfig, PolicyInfoForConfig } from "./config";
import type { Wire } from "./wire";

const LEVELS: Record<number, EnforcementLevel> = {
    [analyzerpb.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerpb.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerpb.EnforcementLevel.REMEDIATE]: "remediate",
    [analyzerpb.EnforcementLevel.DISABLED]: "disabled",
};
const LEVEL_CODES: Record<EnforcementLevel, analyzerpb.EnforcementLevel> = {
    advisory: analyzerpb.EnforcementLevel.ADVISORY,
    mandatory: analyzerpb.EnforcementLevel.MANDATORY,
    remediate: analyzerpb.EnforcementLevel.REMEDIATE,
    disabled: analyzerpb.EnforcementLevel.DISABLED,
};
const SEVERITIES: Record<number, string> = {
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

export interface PolicyInfo extends PolicyInfoForConfig {
    displayName: string;
    description: string;
    severity: string;
    tags: string[];
    remediationSteps: string;
    url: string;
    kind: "resource" | "stack";
}

export interface AnalyzerInfo {
    name: string;
    displayName: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, PolicyConfig>;
}

/** A resource as an analyzer sees it (plugin.AnalyzerResource / AnalyzerStackResource). */
export interface AnalyzerResource {
    urn: string;
    type: string;
    name: string;
    properties: Record<string, Wire>;
    options: {
        protect?: boolean;
        ignoreChanges?: string[];
        additionalSecretOutputs?: string[];
        aliases?: string[];
        parent?: string;
    };
    provider?: { urn: string; type: string; name: string; properties: Record<string, Wire> };
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity: string;
    urn: string;
}

export interface AnalyzeResult {
    diagnostics: Diagnostic[];
    notApplicable: { policyName: string; reason: string }[];
}

export interface RemediationResult {
    policyName: string;
    description: string;
    properties?: Record<string, Wire>;
    diagnostic: string;
}

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

const ANSI = /\x1b\[[0-9;]*m/g;

function struct(value: Record<string, Wire>): Struct {
    return Struct.fromJavaScript(value as any);
}

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

/** The pack died, threw past its handlers or stopped answering: no call of this run can succeed. */
class PackFailure extends Error {}

export class AnalyzerHost {
    /** Rejects once the pack has died or thrown past its handlers: every pending call fails with it. */
    private readonly failed: Promise<never>;
    private fail!: (reason: string) => void;

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: analyzerrpc.AnalyzerClient,
        private readonly engine: grpc.Server,
        private readonly stderrTail: string[],
        private readonly deadline: number,
    ) {
        this.failed = new Promise<never>((_, reject) => {
            this.fail = (reason) => reject(new PackFailure(reason));
        });
        this.failed.catch(() => undefined); // observed by the calls that race it
        child.on("exit", (code, signal) => {
            const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
            const last = [...stderrTail].reverse().find((l) => /error/i.test(l));
            this.fail(`the pack ${why}${last ? ` (${oneLine(last)})` : ""}`);
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
        return Promise.race([rpc, this.failed]).catch(async (e: unknown) => {
            const code = (e as grpc.ServiceError).code;
            if (code === grpc.status.DEADLINE_EXCEEDED) {
                const seconds = Math.round((deadline - started) / 1000);
                throw new PackFailure(`it did not answer within ${seconds} seconds`);
            }
            if (code === grpc.status.UNAVAILABLE || code === grpc.status.INTERNAL) {
                // A dropped connection is usually the pack dying: say that, if it is.
                await Promise.race([this.failed, new Promise((r) => setTimeout(r, 2000))]);
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
        const runPolicyPack = resolveRunPolicyPack(dir);
        // Set once the host exists; the pack's logs and stderr reach it from then on.
        const heard: { host?: AnalyzerHost } = {};
        const engine = new grpc.Server();
        engine.addService(enginerpc.EngineService, {
            log: (
                call: grpc.ServerUnaryCall<enginepb.LogRequest, Empty>,
                cb: grpc.sendUnaryData<Empty>,
            ) => {
                opts.onLog?.(call.request.getMessage());
                heard.host?.watch(call.request.getMessage().replace(ANSI, ""));
                cb(null, new Empty());
            },
            getRootResource: (
                _c: unknown,
                cb: grpc.sendUnaryData<enginepb.GetRootResourceResponse>,
            ) => cb(null, new enginepb.GetRootResourceResponse()),
            setRootResource: (
                _c: unknown,
                cb: grpc.sendUnaryData<enginepb.SetRootResourceResponse>,
            ) => cb(null, new enginepb.SetRootResourceResponse()),
            startDebugging: (_c: unknown, cb: grpc.sendUnaryData<Empty>) => cb(null, new Empty()),
            requirePulumiVersion: (_c: unknown, cb: grpc.sendUnaryData<any>) =>
                cb(null, new (enginepb as any).RequirePulumiVersionResponse()),
        });
        const enginePort = await new Promise<number>((resolve, reject) =>
            engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
                err ? reject(err) : resolve(port),
            ),
        );
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
            heard.host?.watch(text);
        });
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            const startMs = Math.max(
                0,
                Math.min(120_000, (opts.deadline ?? Infinity) - Date.now()),
            );
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
        const client = new analyzerrpc.AnalyzerClient(
            `127.0.0.1:${port}`,
            grpc.credentials.createInsecure(),
            {
                "grpc.max_receive_message_length": 400 * 1024 * 1024,
                "grpc.max_send_message_length": 400 * 1024 * 1024,
            },
        );
        const host = new AnalyzerHost(child, client, engine, stderrTail, opts.deadline ?? Infinity);
        heard.host = host;
        await host.handshake(dir, enginePort);
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

    private async configureStack(opts: StartOptions): Promise<void> {
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
        const supportsConfig = res.getSupportsconfig();
        const policies: PolicyInfo[] = res.getPoliciesList().map((p) => {
            const schema = p.getConfigschema();
            const properties = (schema?.getProperties()?.toJavaScript() ?? {}) as Record<
                string,
                Record<string, unknown>
            >;
            return {
                name: p.getName(),
                displayName: p.getDisplayname(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
                severity: SEVERITIES[p.getSeverity()] ?? "",
                tags: p.getTagsList(),
                remediationSteps: p.getRemediationSteps(),
                url: p.getUrl(),
                kind:
                    p.getPolicyType() === analyzerpb.PolicyType.POLICY_TYPE_STACK
                        ? "stack"
                        : "resource",
                configSchema: supportsConfig
                    ? { properties, required: schema?.getRequiredList() ?? [] }
                    : undefined,
            };
        });
        policies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const initialConfig: Record<string, PolicyConfig> = {};
        res.getInitialconfigMap().forEach((v, k) => {
            initialConfig[k] = {
                enforcementLevel: LEVELS[v.getEnforcementlevel()],
                properties: (v.getProperties()?.toJavaScript() ?? undefined) as
                    Record<string, unknown> | undefined,
            };
        });
        return {
            name: res.getName(),
            displayName: res.getDisplayname(),
            version: res.getVersion(),
            supportsConfig,
            policies,
            initialConfig,
        };
    }

    async configure(config: Record<string, PolicyConfig>): Promise<void> {
        if (Object.keys(config).length === 0) {
            return;
        }
        const req = new analyzerpb.ConfigureAnalyzerRequest();
        for (const [name, c] of Object.entries(config)) {
            const pc = new analyzerpb.PolicyConfig();
            pc.setEnforcementlevel(LEVEL_CODES[c.enforcementLevel ?? "advisory"]);
            pc.setProperties(struct((c.properties ?? {}) as Record<string, Wire>));
            req.getPolicyconfigMap().set(name, pc);
        }
        try {
            await this.call(this.client.configure, req);
        } catch (e) {
            throw this.rpcError("Configure", e);
        }
    }

    private request(r: AnalyzerResource): analyzerpb.AnalyzeRequest {
        return describe(new analyzerpb.AnalyzeRequest(), r);
    }

    async analyze(r: AnalyzerResource): Promise<AnalyzeResult> {
        let res: analyzerpb.AnalyzeResponse;
        try {
            res = await this.call(this.client.analyze, this.request(r), RESOURCE_CALL_MS);
        } catch (e) {
            throw this.rpcError(`Analyze of ${r.urn}`, e);
        }
        return analyzeResult(res);
    }

    async remediate(r: AnalyzerResource): Promise<RemediationResult[]> {
        let res: analyzerpb.RemediateResponse;
        try {
            res = await this.call(this.client.remediate, this.request(r), RESOURCE_CALL_MS);
        } catch (e) {
            if ((e as grpc.ServiceError).code === grpc.status.UNIMPLEMENTED) {
                return [];
            }
            throw this.rpcError(`Remediate of ${r.urn}`, e);
        }
        return res.getRemediationsList().map((m) => ({
            policyName: m.getPolicyname(),
            description: m.getDescription(),
            properties: m.getProperties()?.toJavaScript() as Record<string, Wire> | undefined,
            diagnostic: m.getDiagnostic(),
        }));
    }

    async analyzeStack(resources: AnalyzerResource[]): Promise<AnalyzeResult> {
        const req = new analyzerpb.AnalyzeStackRequest();
        req.setResourcesList(
            resources.map((r) => {
                const ar = describe(new analyzerpb.AnalyzerResource(), r);
                ar.setParent(r.parent ?? "");
                ar.setDependenciesList(r.dependencies ?? []);
                for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
                    if (urns.length > 0) {
                        const deps = new analyzerpb.AnalyzerPropertyDependencies();
                        deps.setUrnsList(urns);
                        ar.getPropertydependenciesMap().set(k, deps);
                    }
                }
                return ar;
            }),
        );
        let res: analyzerpb.AnalyzeResponse;
        try {
            res = await this.call(this.client.analyzeStack, req);
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

    /** The last lines the pack wrote to stderr (for diagnosing a crash). */
    recentStderr(): string[] {
        return [...this.stderrTail];
    }
}

/** The fields an Analyze request and a stack resource share: what the resource is and has. */
function describe<M extends analyzerpb.AnalyzeRequest | analyzerpb.AnalyzerResource>(
    msg: M,
    r: AnalyzerResource,
): M {
    msg.setUrn(r.urn);
    msg.setType(r.type);
    msg.setName(r.name);
    msg.setProperties(struct(r.properties));
    msg.setOptions(options(r.options));
    if (r.provider) {
        msg.setProvider(provider(r.provider));
    }
    return msg;
}

function options(o: AnalyzerResource["options"]): analyzerpb.AnalyzerResourceOptions {
    const opts = new analyzerpb.AnalyzerResourceOptions();
    opts.setProtect(o.protect ?? false);
    opts.setIgnorechangesList(o.ignoreChanges ?? []);
    opts.setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []);
    opts.setAliasesList(o.aliases ?? []);
    opts.setCustomtimeouts(new analyzerpb.AnalyzerResourceOptions.CustomTimeouts());
    opts.setParent(o.parent ?? "");
    return opts;
}

function provider(
    p: NonNullable<AnalyzerResource["provider"]>,
): analyzerpb.AnalyzerProviderResource {
    const pr = new analyzerpb.AnalyzerProviderResource();
    pr.setUrn(p.urn);
    pr.setType(p.type);
    pr.setName(p.name);
    pr.setProperties(struct(p.properties));
    return pr;
}

function analyzeResult(res: analyzerpb.AnalyzeResponse): AnalyzeResult {
    return {
        diagnostics: res.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
            severity: SEVERITIES[d.getSeverity()] ?? "",
            urn: d.getUrn(),
        })),
        notApplicable: res
            .getNotApplicableList()
            .map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
    };
}
