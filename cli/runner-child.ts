// The program runner's child process: runs one Pulumi program under `pulumi.runtime.setMocks`
// and writes every registered resource as a deployment (`pulumi stack export` shape). It runs in
// its own process so the program's module state, globals and crashes never touch the CLI.
//
// Usage (internal): node runner-child.js <job.json>
//
// It loads the program's own copies of ts-node and @pulumi/pulumi by path (so the mocks sit in
// the very runtime the program uses), which only `require` can do.
/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { computedOutputs, answerInvoke, hash, uuidFrom, type MockContext } from "./mocks";
import { isSecret, SECRET_SIG, SIG_KEY, UNKNOWN, type Wire } from "./wire";
import type { ResourceState } from "./snapshot";

export interface RunnerJob {
    projectDir: string;
    main: string;
    project: string;
    stack: string;
    organization: string;
    preview: boolean;
    /** Program config, `ns:key` → value (as the engine passes it in PULUMI_CONFIG). */
    config: Record<string, string>;
    secretKeys: string[];
    /** Default-provider inputs per package, from the stack's `<pkg>:<key>` config. */
    providerConfig: Record<string, Record<string, { value: string; secret: boolean }>>;
    mock: MockContext;
    /** A module in the shape of `pulumi.runtime.setMocks`' mocks, asked before gdpr-guard's own. */
    mocksFile?: string;
    /** The program is an ES module (`"type": "module"`, `.mjs`, `.mts`): load it with `import()`. */
    esm: boolean;
    outFile: string;
}

/** A resource whose children the offline engine could not see, and why. */
export interface Unanalyzed {
    urn: string;
    type: string;
    reason: string;
}

export type RunnerResult =
    | {
          ok: true;
          resources: ResourceState[];
          pulumiVersion: string;
          unanalyzed: Unanalyzed[];
          /** Invokes nobody answered, token → calls: their results were left unknown. */
          unanswered: Record<string, number>;
      }
    | { ok: false; error: string };

const job: RunnerJob = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

function finish(result: RunnerResult): never {
    fs.writeFileSync(job.outFile, JSON.stringify(result));
    process.exit(result.ok ? 0 : 3);
}

function firstLine(e: unknown): string {
    const msg = e instanceof Error ? e.message : String(e);
    return (msg.split(/\r?\n/).find((l) => l.trim() !== "") ?? msg).trim();
}

/** Invokes nobody answered: token → calls. Declared before `fail`, which reads it. */
const unanswered: Record<string, number> = {};
let failed = false;
const fail = (e: unknown) => {
    if (failed) {
        return;
    }
    failed = true;
    // A program that parses or indexes an invoke result nobody answered fails on the unknown
    // placeholder (ex-airflow: JSON.parse of an SSM parameter); say which invokes, and the way out.
    const tokens = Object.keys(unanswered).sort();
    const hint =
        tokens.length > 0
            ? `; it had read results gdpr-guard does not answer offline (${tokens.join(", ")}), which are unknown — if it needs their values, answer them with --mocks FILE`
            : "";
    finish({ ok: false, error: `The program failed: ${firstLine(e)}${hint}` });
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

process.env.PULUMI_CONFIG = JSON.stringify(job.config);
process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(job.secretKeys);
process.env.PULUMI_NODEJS_PROJECT = job.project;
process.env.PULUMI_NODEJS_STACK = job.stack;
process.env.PULUMI_NODEJS_ORGANIZATION = job.organization;
process.chdir(job.projectDir);

// TypeScript programs: the project's own ts-node if it has one, else ours. Type errors are the
// Pulumi CLI's business; here we only need the program's behaviour.
const searchPaths = [job.projectDir, __dirname];
const tsNodeLoaded = (process as any)[Symbol.for("ts-node.register.instance")] !== undefined;
// An ES module program is compiled by ts-node's ESM loader (runner.ts starts this process with
// it); registering the CommonJS hook too would compile it to CommonJS (`exports is not defined`).
if (
    !tsNodeLoaded &&
    !job.esm &&
    (/\.tsx?$/.test(job.main) || fs.existsSync(path.join(job.projectDir, "tsconfig.json")))
) {
    const tsnode = require(require.resolve("ts-node", { paths: searchPaths }));
    tsnode.register({
        transpileOnly: true,
        project: fs.existsSync(path.join(job.projectDir, "tsconfig.json"))
            ? path.join(job.projectDir, "tsconfig.json")
            : undefined,
        skipProject: !fs.existsSync(path.join(job.projectDir, "tsconfig.json")),
        compilerOptions: { module: "commonjs", moduleResolution: "node" },
    });
}

const pulumiDir = path.dirname(
    require.resolve("@pulumi/pulumi/package.json", { paths: searchPaths }),
);
const pulumiVersion: string = require(path.join(pulumiDir, "package.json")).version;
const mocksModule = require(path.join(pulumiDir, "runtime", "mocks"));
const rpc = require(path.join(pulumiDir, "runtime", "rpc"));
const resproto = require(path.join(pulumiDir, "proto", "resource_pb"));
const providerproto = require(path.join(pulumiDir, "proto", "provider_pb"));
const settings = require(path.join(pulumiDir, "runtime", "settings"));
const stackModule = require(path.join(pulumiDir, "runtime", "stack"));
const structpb = require(
    require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }),
);

const prefix = `urn:pulumi:${job.stack}::${job.project}::`;
const rootType = "pulumi:pulumi:Stack";

/** The engine's URN for a resource: the parent's type chain, except the root stack's. */
function urnFor(parent: string, type: string, name: string): string {
    let qualified = type;
    if (parent) {
        const parentQualified = parent.slice(prefix.length).split("::")[0];
        if (parentQualified !== rootType) {
            qualified = `${parentQualified}$${type}`;
        }
    }
    return `${prefix}${qualified}::${name}`;
}

const resources: ResourceState[] = [];
const unanalyzed: Unanalyzed[] = [];
const byUrn = new Map<string, ResourceState>();
const defaultProviders = new Map<string, string>(); // package@version → provider reference
const positions = new Map<string, string[]>(); // type::name → source positions, in creation order
let pendingUrn = "";

function defaultProviderRef(pkg: string, version: string): string {
    const key = `${pkg}@${version}`;
    let ref = defaultProviders.get(key);
    if (!ref) {
        const urn = `${prefix}pulumi:providers:${pkg}::default${version ? "_" + version.replace(/[.-]/g, "_") : ""}`;
        const id = uuidFrom(urn);
        const inputs: Record<string, Wire> = {};
        for (const [k, v] of Object.entries(job.providerConfig[pkg] ?? {})) {
            inputs[k] = v.secret ? { [SIG_KEY]: SECRET_SIG, value: v.value } : v.value;
        }
        if (version) {
            inputs.version = version;
        }
        const state: ResourceState = {
            urn,
            custom: true,
            id,
            type: `pulumi:providers:${pkg}`,
            inputs,
            outputs: { ...inputs },
        };
        resources.push(state);
        byUrn.set(urn, state);
        ref = `${urn}::${id}`;
        defaultProviders.set(key, ref);
    }
    return ref;
}

function sourcePosition(type: string, name: string): string | undefined {
    const list = positions.get(`${type}::${name}`);
    return list?.shift();
}

/** The user's `--mocks` module: `newResource` and `call` as `pulumi.runtime.setMocks` takes them. */
interface UserMocks {
    newResource?: (args: MockResourceArgs) => unknown;
    call?: (args: { token: string; inputs: any; provider?: string }) => unknown;
}

interface MockResourceArgs {
    type: string;
    name: string;
    inputs: any;
    provider?: string;
    custom?: boolean;
    id?: string;
}

/**
 * The key of an invoke result that nobody answered. The runner turns such a result into an
 * unknown value in the program (see `unknownResult`), so what depends on it is unknown too.
 */
const UNANSWERED = "gdpr-guard:unanswered-invoke";

let userMocks: UserMocks = {};
/** URNs whose outputs the user's `--mocks` module gave. */
const answeredByUser = new Set<string>();

/** The SDK rethrows a failed invoke as `new Error(err.details)`, the gRPC field. */
function invokeError(e: unknown): Error {
    const message = e instanceof Error ? e.message : String(e);
    return Object.assign(new Error(message), { details: message });
}

const mocks = {
    async newResource(args: MockResourceArgs): Promise<{ id: string | undefined; state: any }> {
        // The mock monitor calls this synchronously from registerResource; read the URN before
        // the first await, or resources registered in the same tick all get the last one's.
        const urn = pendingUrn;
        const theirs = (await userMocks.newResource?.(args)) as
            { id?: string; state?: any } | undefined;
        if (theirs && typeof theirs === "object") {
            answeredByUser.add(urn);
            return { id: theirs.id ?? args.id, state: theirs.state ?? args.inputs };
        }
        if (job.preview && !args.id) {
            return { id: undefined, state: args.inputs };
        }
        const { id, outputs } = computedOutputs(args.type, args.name, urn, args.inputs, job.mock);
        return { id: args.id || id, state: { ...args.inputs, ...outputs } };
    },
    async call(args: { token: string; inputs: any; provider?: string }): Promise<unknown> {
        try {
            const theirs = await userMocks.call?.(args);
            if (theirs !== undefined) {
                return theirs;
            }
            const ours = answerInvoke(args.token, args.inputs, job.mock);
            if (ours !== undefined) {
                return ours;
            }
        } catch (e) {
            throw invokeError(e);
        }
        unanswered[args.token] = (unanswered[args.token] ?? 0) + 1;
        return { [UNANSWERED]: true };
    },
};

/** Array and string methods programs call on invoke results; on an unknown one they give unknown. */
const METHODS = new Set(
    [
        ...Object.getOwnPropertyNames(Array.prototype),
        ...Object.getOwnPropertyNames(String.prototype),
    ].filter((k) => k !== "constructor" && k !== "length"),
);

/**
 * What an unanswered invoke gives the program: a value the SDK takes for unknown (it carries the
 * SDK's own `__pulumiUnknown` mark) at every depth, so `(await getX()).id`, `getXOutput().id` and
 * the inputs built from them reach the engine as unknown — as a preview that could not read them
 * would have them. It is an object (not thenable) whose every property is another such value.
 */
function unknownResult(): unknown {
    const handler: ProxyHandler<object> = {
        get(_target, key) {
            if (key === "__pulumiUnknown") {
                return true;
            }
            if (key === Symbol.toPrimitive) {
                return () => UNKNOWN;
            }
            if (
                typeof key === "symbol" ||
                key === "then" ||
                key === "toJSON" ||
                key.startsWith("__pulumi")
            ) {
                return undefined;
            }
            // `ids.map(…)`, `lists.includes(…)`: a method of an unknown value gives unknown.
            return METHODS.has(key) ? () => proxy : proxy;
        },
        has: () => false,
        ownKeys: () => [],
        getOwnPropertyDescriptor: () => undefined,
    };
    const proxy: object = new Proxy({}, handler);
    return proxy;
}

function wire(struct: any): Record<string, Wire> {
    return (struct?.toJavaScript?.() ?? {}) as Record<string, Wire>;
}

function record(req: any, external: boolean): ResourceState {
    const type: string = req.getType();
    const name: string = req.getName();
    const parent: string = req.getParent?.() ?? "";
    const urn = urnFor(parent, type, name);
    const custom: boolean = external ? true : req.getCustom();
    const why = external ? undefined : unseenChildren(type, req.getRemote?.() === true);
    if (why) {
        unanalyzed.push({ urn, type, reason: why });
    }
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap?.().forEach((deps: any, key: string) => {
        propertyDependencies[key] = deps.getUrnsList();
    });
    let provider: string | undefined = req.getProvider() || undefined;
    const pkg = type.split(":")[0];
    if (!provider && custom && pkg !== "pulumi") {
        provider = defaultProviderRef(pkg, req.getVersion?.() ?? "");
    }
    const inputs = wire(external ? req.getProperties() : req.getObject());
    const version: string = req.getVersion?.() ?? "";
    if (
        !external &&
        custom &&
        pkg === "pulumi" &&
        type.startsWith("pulumi:providers:") &&
        version
    ) {
        // The engine gives an explicit provider the SDK's version as its `version` input.
        inputs.version ??= version;
    }
    const state: ResourceState = {
        urn,
        custom,
        type,
        ...(external ? { external: true, id: req.getId() } : {}),
        inputs,
        outputs: {},
        ...(parent ? { parent } : {}),
        dependencies: req.getDependenciesList?.() ?? [],
        propertyDependencies,
        ...(provider ? { provider } : {}),
        protect: req.getProtect?.() ?? false,
        additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
        ignoreChanges: req.getIgnorechangesList?.() ?? [],
    };
    const pos = sourcePosition(type, name);
    if (pos) {
        state.sourcePosition = pos;
    }
    resources.push(state);
    byUrn.set(urn, state);
    return state;
}

/**
 * What the Kubernetes provider's Check does to an object without `metadata.name` (and without
 * `generateName`): it names it `<resource name>-<8 hex>` and annotates it
 * `pulumi.com/autonamed: "true"`, and the engine analyses (and previews) the checked inputs. The
 * provider's hex is random; ours comes from the URN, so a run is reproducible. Helm and YAML
 * resources are not objects of their own and are left alone.
 */
function autoname(req: any, urn: string): void {
    const type: string = req.getType();
    if (
        !req.getCustom() ||
        !type.startsWith("kubernetes:") ||
        /^kubernetes:(helm|yaml)/.test(type)
    ) {
        return;
    }
    const inputs = wire(req.getObject());
    // Unknown, secret or malformed metadata is left as the program wrote it.
    const plain = (v: Wire): v is Record<string, Wire> =>
        v !== null && typeof v === "object" && !Array.isArray(v) && !isSecret(v);
    const meta = inputs.metadata ?? {};
    if (!plain(meta) || meta.name !== undefined || meta.generateName !== undefined) {
        return;
    }
    const annotations = meta.annotations ?? {};
    if (!plain(annotations)) {
        return;
    }
    inputs.metadata = {
        ...meta,
        name: `${req.getName()}-${hash(urn, 8)}`,
        annotations: { ...annotations, "pulumi.com/autonamed": "true" },
    };
    req.setObject(structpb.Struct.fromJavaScript(inputs));
}

function hasUnknown(v: Wire): boolean {
    if (v === UNKNOWN) {
        return true;
    }
    if (Array.isArray(v)) {
        return v.some(hasUnknown);
    }
    return v !== null && typeof v === "object" && Object.values(v).some(hasUnknown);
}

/**
 * Why the engine cannot see what a resource is made of, or undefined when it can: a
 * multi-language component's children are created by its provider plugin, a Helm chart's
 * manifests are rendered by the Kubernetes provider — neither runs offline.
 */
function unseenChildren(type: string, remote: boolean): string | undefined {
    const pkg = type.split(":")[0];
    if (remote) {
        return `a multi-language component: its children are created by the ${pkg} provider plugin, which gdpr-guard does not run offline; only its inputs were checked.`;
    }
    if (type === "kubernetes:helm.sh/v3:Chart") {
        return "a Helm chart: its manifests are rendered by the Kubernetes provider (kubernetes:helm:template), which gdpr-guard does not run offline, so its resources are unknown and none of them were checked.";
    }
    if (type === "kubernetes:helm.sh/v3:Release") {
        return "a Helm release: the Kubernetes provider renders and installs its chart at deploy; only the release's inputs (values) were checked.";
    }
    return undefined;
}

/**
 * Marks `keys` of a wire-form object secret, as the engine does for `additionalSecretOutputs`
 * (for example `aws.iam.AccessKey.secret`); the mock monitor does not, so the runner does it.
 */
function markSecret(obj: Record<string, Wire>, keys: string[]): Record<string, Wire> {
    for (const key of keys) {
        const v = obj[key];
        if (v !== undefined && !isSecret(v)) {
            obj[key] = { [SIG_KEY]: SECRET_SIG, value: v };
        }
    }
    return obj;
}

/** `import()` that TypeScript's CommonJS output leaves alone (it would rewrite it to `require`). */
const importModule = new Function("specifier", "return import(specifier)") as (
    specifier: string,
) => Promise<any>;

/** Loads the program as the Node.js language host does: `require` for CommonJS, `import()` for ESM. */
async function loadProgram(file: string, esm: boolean): Promise<unknown> {
    if (!esm) {
        const loaded = require(file);
        return typeof loaded === "function" ? loaded() : loaded;
    }
    const ns = await importModule(pathToFileURL(file).href);
    return typeof ns.default === "function" ? ns.default() : ns;
}

async function main(): Promise<void> {
    if (job.mocksFile) {
        const m = require(job.mocksFile);
        userMocks = (m?.default && typeof m.default === "object" ? m.default : m) as UserMocks;
    }
    // An unanswered invoke's result becomes unknown where the SDK reads it (invoke.js calls
    // `rpc.deserializeProperties` through the module, so this one place covers every form).
    const originalDeserialize = rpc.deserializeProperties;
    rpc.deserializeProperties = function (struct: any, keepUnknowns?: boolean) {
        if (struct?.getFieldsMap?.().has(UNANSWERED)) {
            return unknownResult();
        }
        return originalDeserialize.call(this, struct, keepUnknowns);
    };
    await mocksModule.setMocks(mocks, job.project, job.stack, job.preview, job.organization);
    const monitor = settings.getMonitor();
    monitor.newUrn = urnFor;

    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) => {
        autoname(req, urnFor(req.getParent?.() ?? "", req.getType(), req.getName()));
        const state = record(req, false);
        pendingUrn = state.urn;
        registerResource(req, (err: any, resp: any) => {
            if (!err && resp) {
                if (state.custom) {
                    const secretKeys: string[] = req.getAdditionalsecretoutputsList?.() ?? [];
                    // What the program sees, and what the snapshot records (in preview: the inputs).
                    const object = markSecret(wire(resp.getObject()), secretKeys);
                    if (secretKeys.length > 0) {
                        resp.setObject(structpb.Struct.fromJavaScript(object));
                    }
                    // Outputs the cloud alone knows (a Kubernetes `status`) are unknown even when
                    // not previewing: a result other than SUCCESS makes the SDK keep unknowns
                    // (resource.ts: keepUnknowns), so they resolve as unknown, not as undefined.
                    if (!job.preview && hasUnknown(object)) {
                        resp.setResult(resproto.Result.SKIP);
                    }
                    state.id = resp.getId() || undefined;
                    state.outputs = markSecret(
                        job.preview ? { ...state.inputs } : { ...state.inputs, ...object },
                        secretKeys,
                    );
                } else if (
                    !job.preview &&
                    req.getRemote?.() === true &&
                    !answeredByUser.has(state.urn)
                ) {
                    // A multi-language component's outputs (awsx `Vpc.publicSubnetIds`) come from
                    // its provider plugin, which does not run offline: unknown, not undefined,
                    // so a program's callback on them is not run on `undefined`.
                    resp.setResult(resproto.Result.SKIP);
                }
                resp.setUrn(state.urn);
            }
            callback(err, resp);
        });
    };
    // Methods of multi-language components (`cluster.getKubeconfig()`) are calls; the SDK's mock
    // monitor has no `call`, so it is answered here the way invokes are (unknown unless answered).
    monitor.call = (req: any, callback: (err: any, resp: any) => void) => {
        const inputs = rpc.deserializeProperties(req.getArgs());
        mocks
            .call({ token: req.getTok(), inputs, provider: req.getProvider?.() })
            .then(async (result) => {
                const resp = new providerproto.CallResponse();
                resp.setReturn(
                    structpb.Struct.fromJavaScript(await rpc.serializeProperties("", result)),
                );
                callback(null, resp);
            })
            .catch((err: unknown) => callback(err, undefined));
    };
    const readResource = monitor.readResource.bind(monitor);
    monitor.readResource = (req: any, callback: (err: any, resp: any) => void) => {
        const state = record(req, true);
        pendingUrn = state.urn;
        readResource(req, (err: any, resp: any) => {
            if (!err && resp) {
                state.outputs = wire(resp.getProperties());
                resp.setUrn(state.urn);
            }
            callback(err, resp);
        });
    };
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: (err: any, resp: any) => void) => {
        const state = byUrn.get(req.getUrn());
        if (state) {
            state.outputs = wire(req.getOutputs());
        }
        registerResourceOutputs(req, callback);
    };

    const mainFile = job.main;
    await stackModule.runInPulumiStack(async () => {
        stackModule.registerStackTransformation((args: { type: string; name: string }) => {
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 64;
            const frames = (new Error().stack ?? "").split("\n");
            Error.stackTraceLimit = limit;
            for (const frame of frames) {
                const m = /\(?((?:\/|[A-Za-z]:\\)[^():]+):(\d+):(\d+)\)?\s*$/.exec(frame);
                if (
                    m &&
                    m[1].startsWith(job.projectDir + path.sep) &&
                    !/runner-child\.[jt]s$/.test(m[1]) &&
                    !m[1].includes(`${path.sep}node_modules${path.sep}`)
                ) {
                    // The engine's own form (apitype.ResourceV3.SourcePosition): project:///<file>#<line>,<column>
                    const rel = path.relative(job.projectDir, m[1]).split(path.sep).join("/");
                    const key = `${args.type}::${args.name}`;
                    positions.set(key, [
                        ...(positions.get(key) ?? []),
                        `project:///${rel}#${m[2]},${m[3]}`,
                    ]);
                    break;
                }
            }
            return undefined;
        });
        return await loadProgram(mainFile, job.esm);
    });
    await settings.disconnect();
    finish({ ok: true, resources, pulumiVersion, unanalyzed, unanswered });
}

main().catch(fail);
