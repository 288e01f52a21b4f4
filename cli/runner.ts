// The program runner: turns a Pulumi project + stack into a snapshot without the Pulumi CLI or a
// cloud. It reads Pulumi.yaml and the stack's Pulumi.<stack>.yaml, then runs the program in a
// child process under mocks (see runner-child.ts).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import YAML from "yaml";
import { oneLine, readUserFile, UsageError } from "./errors";
import type { RunnerJob, RunnerResult } from "./runner-child";
import type { UntypedDeployment } from "./snapshot";
import { VERSION } from "./version";
import { UNREADABLE_SECRET } from "./wire";

export interface RunOptions {
    /** The project folder (holds Pulumi.yaml). */
    projectDir: string;
    stack: string;
    preview: boolean;
    organization?: string;
    /** Account id the mocks report (aws.getCallerIdentity, ARNs). */
    account?: string;
}

export interface ProjectInfo {
    name: string;
    main: string;
    stackConfigFile: string;
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
    return { name: doc.name, main, stackConfigFile: path.join(configDir, `Pulumi.${stack}.yaml`) };
}

/**
 * Reads a stack's config file. Plain values are passed as the engine passes them (strings, with
 * structured values JSON-encoded); `secure:` values cannot be decrypted offline and are passed as
 * a marked secret that says so — present, unreadable.
 */
export function readStackConfig(file: string, project: string, stack: string): StackConfig {
    if (!fs.existsSync(file)) {
        throw new UsageError(
            `Stack "${stack}" has no config file "${path.relative(process.cwd(), file) || file}".`,
        );
    }
    const doc = readYaml(file) ?? {};
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries<any>(doc.config ?? {})) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        if (
            value !== null &&
            typeof value === "object" &&
            !Array.isArray(value) &&
            typeof value.secure === "string"
        ) {
            values[key] = UNREADABLE_SECRET;
            secretKeys.push(key);
        } else {
            values[key] = typeof value === "string" ? value : JSON.stringify(value);
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

/** Runs a program and returns its snapshot; any failure is a one-line UsageError. */
export async function runProgram(opts: RunOptions): Promise<UntypedDeployment> {
    const projectDir = path.resolve(opts.projectDir);
    const project = readProject(projectDir, opts.stack);
    const config = readStackConfig(project.stackConfigFile, project.name, opts.stack);
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
            outFile: path.join(tmp, "result.json"),
        };
        const jobFile = path.join(tmp, "job.json");
        fs.writeFileSync(jobFile, JSON.stringify(job));
        const child = path.join(__dirname, `runner-child${path.extname(__filename)}`);
        const execArgv =
            path.extname(__filename) === ".ts" ? ["-r", "ts-node/register/transpile-only"] : [];
        const stderr: string[] = [];
        const code = await new Promise<number>((resolve) => {
            const p = spawn(process.execPath, [...execArgv, child, jobFile], {
                cwd: projectDir,
                stdio: ["ignore", "ignore", "pipe"],
                env: {
                    ...process.env,
                    PULUMI_CONFIG: undefined,
                    PULUMI_CONFIG_SECRET_KEYS: undefined,
                },
            });
            p.stderr!.setEncoding("utf8");
            p.stderr!.on("data", (d: string) => {
                stderr.push(d);
            });
            p.on("exit", (c, signal) => resolve(c ?? (signal ? 128 : 1)));
        });
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
            version: 3,
            deployment: {
                manifest: {
                    time: new Date(0).toISOString(),
                    magic: "",
                    version: `gdpr-guard ${VERSION} (@pulumi/pulumi ${result.pulumiVersion})`,
                },
                resources: result.resources,
            },
        };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
