// The program runner: turns a Pulumi project + stack into a snapshot without the Pulumi CLI or a
// cloud. It reads Pulumi.yaml and the stack's Pulumi.<stack>.yaml, then runs the program in a
// child process under mocks (see runner-child.ts).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import YAML from "yaml";
import { oneLine, readUserFile, UsageError } from "./errors";
import { track } from "./processes";
import type { RunnerJob, RunnerResult, Unanalyzed } from "./runner-child";
import type { UntypedDeployment } from "./snapshot";
import { VERSION } from "./version";
import { UNREADABLE_SECRET } from "../policypack/lib/secrets/detector";

export interface RunOptions {
    /** The project folder (holds Pulumi.yaml). */
    projectDir: string;
    stack: string;
    preview: boolean;
    /** A `--mocks` module (setMocks' `newResource` / `call`), asked before gdpr-guard's answers. */
    mocksFile?: string;
    /** Epoch milliseconds by which the program must have finished; it is stopped then. */
    deadline?: number;
    organization?: string;
    /** Account id the mocks report (aws.getCallerIdentity, ARNs). */
    account?: string;
}

export interface ProjectInfo {
    name: string;
    main: string;
    /** The entry is an ES module, as Node.js decides it: `.mjs`/`.mts`, or `"type": "module"`. */
    esm: boolean;
    stackConfigFile: string;
}

/** What a program run gives: its snapshot and what the engine could not see in it. */
export interface ProgramRun {
    snapshot: UntypedDeployment;
    unanalyzed: Unanalyzed[];
    /** Invokes nobody answered (token → calls); their results were left unknown. */
    unanswered: Record<string, number>;
    /**
     * The stack the program ran as, which the engine also tells the pack (ConfigureStack and the
     * PULUMI_NODEJS_* / PULUMI_CONFIG environment): a state file has none.
     */
    stackInfo?: { organization: string; config: Record<string, string> };
}

/** Node.js's rule: the extension decides, else the nearest package.json's `type`. */
function isEsm(file: string, projectDir: string): boolean {
    if (/\.m[jt]s$/.test(file)) {
        return true;
    }
    if (/\.c[jt]s$/.test(file)) {
        return false;
    }
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (fs.existsSync(pkg)) {
            try {
                return JSON.parse(fs.readFileSync(pkg, "utf8")).type === "module";
            } catch {
                return false;
            }
        }
        if (dir === path.dirname(dir) || !dir.startsWith(projectDir)) {
            return false;
        }
    }
}

export interface StackConfig {
    /** `ns:key` → value as a string (structured values JSON-encoded), as in PULUMI_CONFIG. */
    values: Record<string, string>;
    /** Keys whose values are secrets (`secure:` in the file). */
    secretKeys: string[];
}

/** Reads a YAML file of the project; unreadable or invalid YAML is a one-line UsageError. */
function readYaml(file: string): any {
    const text = readUserFile(file, "Project file");
    try {
        return YAML.parse(text);
    } catch (e) {
        throw new UsageError(`"${file}" is not valid YAML: ${oneLine((e as Error).message)}`);
    }
}

/** Reads Pulumi.yaml: project name, program entry and where stack config files live. */
export function readProject(projectDir: string, stack: string): ProjectInfo {
    const file = path.join(projectDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) {
        throw new UsageError(`"${projectDir}" is not a Pulumi project: it has no Pulumi.yaml.`);
    }
    const doc = readYaml(file);
    if (!doc || typeof doc.name !== "string") {
        throw new UsageError(`"${file}" has no project name.`);
    }
    const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
    if (runtime !== "nodejs") {
        throw new UsageError(
            `"${file}" is a ${runtime ?? "unknown"} program; gdpr-guard runs Node.js programs. Export its state with \`pulumi stack export\` and use --state.`,
        );
    }
    let main = path.resolve(projectDir, typeof doc.main === "string" ? doc.main : ".");
    if (fs.existsSync(main) && fs.statSync(main).isDirectory()) {
        const pkgFile = path.join(main, "package.json");
        const pkgMain = fs.existsSync(pkgFile)
            ? JSON.parse(fs.readFileSync(pkgFile, "utf8")).main
            : undefined;
        const candidates = [pkgMain, "index.ts", "index.js"]
            .filter(Boolean)
            .map((c) => path.join(main, c));
        main = candidates.find((c) => fs.existsSync(c)) ?? candidates[candidates.length - 1];
    }
    if (!fs.existsSync(main)) {
        throw new UsageError(
            `The program entry "${path.relative(process.cwd(), main) || main}" named by "${file}" does not exist.`,
        );
    }
    const configDir = path.resolve(
        projectDir,
        typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : ".",
    );
    return {
        name: doc.name,
        main,
        esm: isEsm(main, projectDir),
        stackConfigFile: path.join(configDir, `Pulumi.${stack}.yaml`),
    };
}

function isSecure(value: unknown): boolean {
    return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        typeof (value as { secure?: unknown }).secure === "string"
    );
}

/** `value` with every `{secure: …}` in it replaced by UNREADABLE_SECRET; `found` says if any was. */
function redactSecure(value: unknown, found: { any: boolean }): unknown {
    if (isSecure(value)) {
        found.any = true;
        return UNREADABLE_SECRET;
    }
    if (Array.isArray(value)) {
        return value.map((v) => redactSecure(v, found));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, redactSecure(v, found)]),
        );
    }
    return value;
}

/**
 * Reads a stack's config file. Plain values are passed as the engine passes them (strings, with
 * structured values JSON-encoded); `secure:` values — at the top or nested in an object or list —
 * cannot be decrypted offline and are passed as UNREADABLE_SECRET, the key marked secret (as the
 * CLI marks a structured value that holds a secret): present, unreadable. A stack without a config
 * file has no config, as for the CLI.
 */
export function readStackConfig(file: string, project: string): StackConfig {
    const doc = fs.existsSync(file) ? (readYaml(file) ?? {}) : {};
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    const config = doc.config ?? {};
    if (typeof config !== "object" || Array.isArray(config)) {
        throw new UsageError(`"${file}" has a \`config\` that is not a map of keys to values.`);
    }
    for (const [rawKey, raw] of Object.entries<unknown>(config)) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        const found = { any: false };
        const value = redactSecure(raw, found);
        values[key] = typeof value === "string" ? value : JSON.stringify(value);
        if (found.any) {
            secretKeys.push(key);
        }
    }
    return { values, secretKeys };
}

/** Default-provider inputs per package: `aws:region` → providerConfig.aws.region. */
function providerConfig(config: StackConfig, project: string): RunnerJob["providerConfig"] {
    const out: RunnerJob["providerConfig"] = {};
    for (const [key, value] of Object.entries(config.values)) {
        const [ns, ...rest] = key.split(":");
        if (ns === project) {
            continue;
        }
        (out[ns] ??= {})[rest.join(":")] = { value, secret: config.secretKeys.includes(key) };
    }
    return out;
}

/** ts-node's ESM loader, the program's own if it has one: TypeScript ES modules need it. */
function tsEsmLoader(projectDir: string): string[] {
    try {
        return ["--loader", require.resolve("ts-node/esm", { paths: [projectDir, __dirname] })];
    } catch {
        throw new UsageError(
            `The program in "${projectDir}" is a TypeScript ES module; install ts-node in it to run it.`,
        );
    }
}

/** Runs a program and returns its snapshot; any failure is a one-line UsageError. */
export async function runProgram(opts: RunOptions): Promise<ProgramRun> {
    const projectDir = path.resolve(opts.projectDir);
    const project = readProject(projectDir, opts.stack);
    const config = readStackConfig(project.stackConfigFile, project.name);
    const mocksFile = opts.mocksFile ? path.resolve(opts.mocksFile) : undefined;
    if (mocksFile && !fs.existsSync(mocksFile)) {
        throw new UsageError(`Mocks module "${opts.mocksFile}" does not exist.`);
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gdpr-guard-run-"));
    try {
        const job: RunnerJob = {
            projectDir,
            main: project.main,
            project: project.name,
            stack: opts.stack,
            organization: opts.organization ?? "organization",
            preview: opts.preview,
            config: config.values,
            secretKeys: config.secretKeys,
            providerConfig: providerConfig(config, project.name),
            mock: {
                region: config.values["aws:region"] ?? "us-east-1",
                account: opts.account ?? "123456789012",
                preview: opts.preview,
            },
            mocksFile,
            esm: project.esm,
            outFile: path.join(tmp, "result.json"),
        };
        const jobFile = path.join(tmp, "job.json");
        fs.writeFileSync(jobFile, JSON.stringify(job));
        const child = path.join(__dirname, `runner-child${path.extname(__filename)}`);
        const execArgv = [
            ...(path.extname(__filename) === ".ts"
                ? ["-r", "ts-node/register/transpile-only"]
                : []),
            ...(project.esm && /\.[mc]?ts$/.test(project.main) ? tsEsmLoader(projectDir) : []),
        ];
        const stderr: string[] = [];
        let timedOut = false;
        const code = await new Promise<number>((resolve) => {
            const p = track(
                spawn(process.execPath, [...execArgv, child, jobFile], {
                    cwd: projectDir,
                    stdio: ["ignore", "ignore", "pipe"],
                    env: {
                        ...process.env,
                        PULUMI_CONFIG: undefined,
                        PULUMI_CONFIG_SECRET_KEYS: undefined,
                        TS_NODE_TRANSPILE_ONLY: "true",
                        // Without a tsconfig, ts-node would emit CommonJS into an ES module.
                        ...(project.esm
                            ? {
                                  TS_NODE_COMPILER_OPTIONS:
                                      '{"module":"nodenext","moduleResolution":"nodenext"}',
                              }
                            : {}),
                    },
                }),
            );
            const timer =
                opts.deadline === undefined
                    ? undefined
                    : setTimeout(
                          () => {
                              timedOut = true;
                              p.kill("SIGKILL");
                          },
                          Math.max(0, opts.deadline - Date.now()),
                      );
            p.stderr!.setEncoding("utf8");
            p.stderr!.on("data", (d: string) => {
                stderr.push(d);
            });
            p.on("exit", (c, signal) => {
                clearTimeout(timer);
                resolve(c ?? (signal ? 128 : 1));
            });
        });
        if (timedOut) {
            throw new UsageError(
                `The program of stack "${opts.stack}" did not finish within the time limit (--timeout) and was stopped.`,
            );
        }
        let result: RunnerResult | undefined;
        if (fs.existsSync(job.outFile)) {
            result = JSON.parse(fs.readFileSync(job.outFile, "utf8"));
        }
        if (!result) {
            const detail =
                stderr
                    .join("")
                    .split(/\r?\n/)
                    .find((l) => /error/i.test(l)) ?? `exit code ${code}`;
            throw new UsageError(
                `The program of stack "${opts.stack}" stopped without a result: ${oneLine(detail)}`,
            );
        }
        if (!result.ok) {
            throw new UsageError(`${result.error.replace(/\.$/, "")} (stack "${opts.stack}").`);
        }
        return {
            snapshot: {
                version: 3,
                deployment: {
                    manifest: {
                        time: new Date(0).toISOString(),
                        magic: "",
                        version: `gdpr-guard ${VERSION} (@pulumi/pulumi ${result.pulumiVersion})`,
                    },
                    resources: result.resources,
                },
            },
            unanalyzed: result.unanalyzed,
            unanswered: result.unanswered,
            stackInfo: { organization: job.organization, config: config.values },
        };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
