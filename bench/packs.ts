// Benchmark 1: pack start-up, and the baseline packs. Starts a pack the way `gdpr-guard check` does
// (AnalyzerHost.start: `node @pulumi/pulumi/cmd/run-policy-pack`, handshake, ConfigureStack) and
// times it up to the first answered GetAnalyzerInfo. The baselines, written to the bench's scratch
// folder: an empty pack (zero policies) and the floor pack (as many no-op rules as ours).
// Also audits which modules the pack loads (a `--require` hook in NODE_OPTIONS), to check the
// design's promise that no provider SDK is loaded at run time.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { AnalyzerHost } from "../dist/cli/host";
import { now, summarize, type Summary } from "./stats";

export const PROVIDER_SDKS = ["@pulumi/aws", "@pulumi/kubernetes", "@pulumi/vault"];

/** Writes a pack folder named `name` whose index.js is `index`; it resolves @pulumi/policy from the repo. */
function writePack(dir: string, name: string, index: string[]): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
        path.join(dir, "PulumiPolicy.yaml"),
        `runtime: nodejs\nname: ${name}\nversion: 0.0.0\n`,
    );
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: `${name}-pack`, version: "0.0.0", main: "index.js" }, null, 4) +
            "\n",
    );
    fs.writeFileSync(path.join(dir, "index.js"), [...index, ""].join("\n"));
    return dir;
}

/** Writes a policy pack with zero policies (it lives under the repo, so it finds @pulumi/policy). */
export function createEmptyPack(dir: string): string {
    return writePack(dir, "bench-empty", [
        'const { PolicyPack } = require("@pulumi/policy");',
        'new PolicyPack("bench-empty", { policies: [] });',
    ]);
}

/**
 * How many resource rules and stack rules a built pack serves, counted from its own rule list, and
 * the type tokens its resource rules declare (a single validation tagged `__pulumiType`, as
 * `ofType` and @pulumi/policy's `validateResourceOfType` tag it): the server skips such a rule on
 * other types, reporting it not applicable instead of deserializing the resource for it.
 */
export function countRules(packDir: string): { resource: number; stack: number; typed: string[] } {
    const { allPolicies } = createRequire(__filename)(path.join(packDir, "bin", "policies")) as {
        allPolicies: { validateStack?: unknown; validateResource?: unknown }[];
    };
    const stack = allPolicies.filter((p) => typeof p.validateStack === "function").length;
    const typed = allPolicies
        .map((p) => (p.validateResource as { __pulumiType?: unknown } | undefined)?.__pulumiType)
        .filter((t): t is string => typeof t === "string");
    return { resource: allPolicies.length - stack, stack, typed };
}

/**
 * Writes the **floor pack**: as many no-op resource rules and stack rules as `rules` (our pack's
 * counts), same layout and `@pulumi/policy` — what the framework itself costs for a pack of our
 * shape, so our rules' own logic is the difference. Its resource rules declare the same types as
 * ours (the framework's cost per rule differs: a typed rule is skipped on other types and reported
 * not applicable, an untyped one gets the resource deserialized); with `typed` empty every no-op
 * rule is untyped, the floor of earlier runs.
 */
export function createFloorPack(
    dir: string,
    rules: { resource: number; stack: number; typed: string[] },
): string {
    return writePack(dir, "bench-floor", [
        'const { PolicyPack } = require("@pulumi/policy");',
        `const types = ${JSON.stringify(rules.typed)};`,
        "const noop = (type) => Object.assign(() => undefined, type ? { __pulumiType: type } : {});",
        "const rule = (kind, i) => ({",
        "    name: `floor-${kind}-${i}`,",
        '    description: "Checks nothing: the framework\'s own cost of a rule.",',
        '    enforcementLevel: "mandatory",',
        '    ...(kind === "stack" ? { validateStack: () => undefined } : { validateResource: noop(types[i]) }),',
        "});",
        "const policies = [",
        `    ...Array.from({ length: ${rules.resource} }, (_, i) => rule("resource", i)),`,
        `    ...Array.from({ length: ${rules.stack} }, (_, i) => rule("stack", i)),`,
        "];",
        'new PolicyPack("bench-floor", { policies });',
    ]);
}

const START = { stack: "bench", project: "bench", dryRun: false } as const;

/** One start: spawn → handshake → ConfigureStack → first GetAnalyzerInfo answered. */
export async function startOnce(packDir: string): Promise<{ ms: number; policies: number }> {
    const t0 = now();
    const host = await AnalyzerHost.start(packDir, START);
    try {
        const info = await host.getAnalyzerInfo();
        return { ms: now() - t0, policies: info.policies.length };
    } finally {
        await host.close();
    }
}

/**
 * A hook for NODE_OPTIONS=--require: appends each module file the process loads to a log —
 * CommonJS modules through `Module.prototype.load`, ES modules (e.g. a lazy `await import()`)
 * through a `load` hook registered with `module.register`. A file may be logged twice.
 */
export function writeModuleHook(dir: string): string {
    const esm = path.join(dir, "module-log-esm.mjs");
    fs.writeFileSync(
        esm,
        [
            'import { appendFileSync } from "node:fs";',
            'import { fileURLToPath } from "node:url";',
            "let log;",
            "export function initialize(data) {",
            "    log = data.log;",
            "}",
            "export async function load(url, context, next) {",
            '    if (log && url.startsWith("file:")) appendFileSync(log, fileURLToPath(url) + "\\n");',
            "    return next(url, context);",
            "}",
            "",
        ].join("\n"),
    );
    const file = path.join(dir, "module-log-hook.js");
    fs.writeFileSync(
        file,
        [
            '"use strict";',
            'const Module = require("node:module");',
            'const fs = require("node:fs");',
            'const { pathToFileURL } = require("node:url");',
            "const log = process.env.GDPR_GUARD_BENCH_MODULE_LOG;",
            "const load = Module.prototype.load;",
            "Module.prototype.load = function (filename) {",
            '    if (log) fs.appendFileSync(log, filename + "\\n");',
            "    return load.apply(this, arguments);",
            "};",
            'if (log && typeof Module.register === "function") {',
            `    Module.register(pathToFileURL(${JSON.stringify(esm)}), { parentURL: pathToFileURL(__filename), data: { log } });`,
            "}",
            "",
        ].join("\n"),
    );
    return file;
}

/** The npm package a module file belongs to (`@scope/name` or `name`), or undefined for non-package files. */
export function packageOf(file: string): string | undefined {
    const i = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
    if (i < 0) {
        return undefined;
    }
    const parts = file.slice(i + "/node_modules/".length).split(path.sep);
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Runs `during` with the module-log hook in the environment of every process started meanwhile
 * (the pack inherits process.env). Returns the loaded files in load order.
 */
export async function withModuleLog<T>(
    hook: string,
    logFile: string,
    during: () => Promise<T>,
): Promise<T> {
    const saved = {
        NODE_OPTIONS: process.env.NODE_OPTIONS,
        LOG: process.env.GDPR_GUARD_BENCH_MODULE_LOG,
    };
    fs.writeFileSync(logFile, "");
    process.env.NODE_OPTIONS =
        `${saved.NODE_OPTIONS ?? ""} --require ${JSON.stringify(hook)}`.trim();
    process.env.GDPR_GUARD_BENCH_MODULE_LOG = logFile;
    try {
        return await during();
    } finally {
        restore("NODE_OPTIONS", saved.NODE_OPTIONS);
        restore("GDPR_GUARD_BENCH_MODULE_LOG", saved.LOG);
    }
}

function restore(key: string, value: string | undefined): void {
    if (value === undefined) {
        delete process.env[key];
    } else {
        process.env[key] = value;
    }
}

/** The distinct files in a module log, in first-load order. */
export function readModuleLog(logFile: string): string[] {
    const lines = fs
        .readFileSync(logFile, "utf8")
        .split("\n")
        .filter((l) => l !== "");
    return [...new Set(lines)];
}

/** Modules loaded per package, for files not under a node_modules folder counted as "(own code)". */
export function countByPackage(files: string[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const f of files) {
        const p = packageOf(f) ?? "(own code)";
        counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    return counts;
}

/**
 * Milliseconds a fresh `node` spends in `require(spec)` (resolved from `fromDir`) after the
 * `preload` modules are loaded (untimed), median over `reps` processes: attributes start-up cost
 * to a library or to the rules themselves.
 */
export async function requireCost(
    spec: string,
    fromDir: string,
    reps: number,
    preload: string[] = [],
): Promise<Summary> {
    const resolve = (s: string) =>
        `require.resolve(${JSON.stringify(s)}, { paths: [${JSON.stringify(fromDir)}] })`;
    const script = [
        "const { performance } = require('node:perf_hooks');",
        ...preload.map((p) => `require(${resolve(p)});`),
        `const id = ${resolve(spec)};`,
        "const t = performance.now();",
        "require(id);",
        "process.stdout.write(String(performance.now() - t));",
        "process.exit(0);",
    ].join("\n");
    const samples: number[] = [];
    for (let i = 0; i < reps + 1; i++) {
        const out = await new Promise<string>((resolve, reject) => {
            const p = spawn(process.execPath, ["-e", script], {
                cwd: fromDir,
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stdout = "";
            let stderr = "";
            p.stdout.on("data", (d) => (stdout += d));
            p.stderr.on("data", (d) => (stderr += d));
            p.on("exit", (code) =>
                code === 0
                    ? resolve(stdout)
                    : reject(new Error(`require(${spec}) failed: ${stderr.trim()}`)),
            );
        });
        if (i > 0) {
            samples.push(Number(out));
        }
    }
    return summarize(samples);
}
