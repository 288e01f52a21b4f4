// gdpr-guard benchmarks: `npm run build && npm run bench` (or `npx ts-node bench/run.ts`).
//
//   1. pack start-up   our pack vs. the floor pack and an empty pack, spawn → first GetAnalyzerInfo
//                      answered; plus which modules the pack loads (no provider SDK may be among them)
//   2. analysis        Analyze (Remediate + Analyze) per resource and AnalyzeStack per resource, our
//                      pack vs. the floor pack, on compliant (crm-erp-sync replicated) and violating
//                      (legacy-sync replicated) stacks; a second pass in the same process; the scanner
//   3. linearity       legacy-sync replicated to each of --scales resources: per-resource cost of
//                      Analyze, AnalyzeStack and `check --state`, largest vs. smallest; peak RSS
//   4. many stacks     `check --state DIR` over --stacks exports of ~100 resources vs. one export
//   5. program runner  the example program under mocks vs. an empty program, same runner
//
// The floor pack has as many no-op resource rules and stack rules as ours (counted from our pack's
// rule list at run time), its resource rules typed as ours are: the framework's own cost for a
// pack of our shape (--untyped-floor: all untyped, as before 2026-12-02). Every number is a ratio
// against a baseline measured in the same run; the machine is shared, so measured and baseline
// runs alternate and each ratio is reported as median with min–max over the repetitions.
//
// Options: --reps N (repetitions, default 3), --size N (resources per stack for 2, default 1000),
// --scales 1000,10000 (resources for 3; --full adds 50000), --stacks N (exports for 4, default
// 100), --only startup,analysis,linearity,many,program (default all), --pack DIR (a built pack other
// than policypack/, e.g. a copy of it before a change), --untyped-floor, --json FILE (raw results).
import * as fs from "node:fs";
import * as path from "node:path";
import type { UntypedDeployment } from "../dist/cli/snapshot";
import { runProgram } from "../dist/cli/runner";
import {
    agingPasses,
    analyzeWithHost,
    checkStateCli,
    prepare,
    type AnalysisRun,
    type CliRun,
} from "./analysis";
import {
    PROVIDER_SDKS,
    countByPackage,
    countRules,
    createEmptyPack,
    createFloorPack,
    packageOf,
    readModuleLog,
    requireCost,
    startOnce,
    withModuleLog,
    writeModuleHook,
} from "./packs";
import { benchProgram, createEmptyProgram, type ProgramResult } from "./program";
import { scannerDrift } from "./secrets";
import { asStack, replicateTo } from "./snapshots";
import { fmtMs, fmtRatio, progress, summarize, table, type Summary } from "./stats";

const REPO = path.resolve(__dirname, "..");
let PACK = path.join(REPO, "policypack");
const CLI = path.join(REPO, "dist", "cli", "main.js");
const SECTIONS = ["startup", "analysis", "linearity", "many", "program"] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
    reps: number;
    size: number;
    scales: number[];
    stacks: number;
    only: Set<Section>;
    json?: string;
    untypedFloor: boolean;
}

function parseArgs(argv: string[]): Options {
    const o: Options = {
        reps: 3,
        size: 1000,
        scales: [1000, 10000],
        stacks: 100,
        only: new Set(SECTIONS),
        untypedFloor: false,
    };
    for (let i = 0; i < argv.length; i++) {
        const value = () => {
            const v = argv[++i];
            if (v === undefined) {
                throw new Error(`${argv[i - 1]} needs a value.`);
            }
            return v;
        };
        const count = (v: string) => {
            const n = Number(v);
            if (!Number.isInteger(n) || n < 1) {
                throw new Error(`Expected a positive whole number, got "${v}".`);
            }
            return n;
        };
        switch (argv[i]) {
            case "--reps":
                o.reps = count(value());
                break;
            case "--size":
                o.size = count(value());
                break;
            case "--scales":
                o.scales = value().split(",").map(count);
                break;
            case "--full":
                o.scales = [...new Set([...o.scales, 50000])].sort((a, b) => a - b);
                break;
            case "--stacks":
                o.stacks = count(value());
                break;
            case "--only": {
                const names = value().split(",");
                const bad = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
                if (bad.length > 0) {
                    throw new Error(
                        `Unknown section "${bad[0]}"; sections: ${SECTIONS.join(",")}.`,
                    );
                }
                o.only = new Set(names as Section[]);
                break;
            }
            case "--json":
                o.json = path.resolve(value());
                break;
            case "--pack":
                PACK = path.resolve(value());
                break;
            case "--untyped-floor":
                o.untypedFloor = true;
                break;
            default:
                throw new Error(
                    `Unknown option "${argv[i]}". Options: --reps N, --size N, --scales 1000,10000, --full, --stacks N, --only ${SECTIONS.join(",")}, --pack DIR, --untyped-floor, --json FILE.`,
                );
        }
    }
    return o;
}

/** Samples of one measured quantity and of its baseline, taken alternately, and their ratios. */
interface Paired {
    measured: Summary;
    baseline: Summary;
    /** measured_i / baseline_i per repetition. */
    ratio: Summary;
}

function paired(measured: number[], baseline: number[]): Paired {
    return {
        measured: summarize(measured),
        baseline: summarize(baseline),
        ratio: summarize(measured.map((m, i) => m / baseline[i])),
    };
}

const fmtRatios = (r: Summary) =>
    r.n === 1
        ? fmtRatio(r.median)
        : `${fmtRatio(r.median)} (${fmtRatio(r.min)}–${fmtRatio(r.max)})`;

interface StartupResult {
    policies: number;
    rules: { resource: number; stack: number };
    vsEmpty: Paired;
    floorVsEmpty: Paired;
}

/** Our pack, the floor pack and the empty pack started in turn, `reps` times, after a warm-up. */
async function benchStartup(
    packs: { real: string; floor: string; empty: string },
    rules: StartupResult["rules"],
    reps: number,
): Promise<StartupResult> {
    for (const p of Object.values(packs)) {
        await startOnce(p);
    }
    const ms: Record<keyof typeof packs, number[]> = { real: [], floor: [], empty: [] };
    let policies = 0;
    for (let i = 0; i < reps; i++) {
        for (const k of ["real", "floor", "empty"] as const) {
            const r = await startOnce(packs[k]);
            ms[k].push(r.ms);
            if (k === "real") {
                policies = r.policies;
            }
        }
    }
    return {
        policies,
        rules,
        vsEmpty: paired(ms.real, ms.empty),
        floorVsEmpty: paired(ms.floor, ms.empty),
    };
}

interface AnalysisComparison {
    stack: "compliant" | "violating";
    source: string;
    resources: number;
    diagnostics: number;
    analyze: Paired;
    analyzeStack: Paired;
}

/** Our pack and the floor pack on the same snapshot, alternately, per-resource times and ratios. */
async function compareWithFloor(
    stack: AnalysisComparison["stack"],
    source: string,
    snapshot: UntypedDeployment,
    floorPack: string,
    reps: number,
): Promise<AnalysisComparison> {
    const p = prepare(snapshot);
    const warmup = prepare(replicateTo(snapshot, 100).snapshot);
    const real: AnalysisRun[] = [];
    const floor: AnalysisRun[] = [];
    for (let i = 0; i < reps; i++) {
        real.push(await analyzeWithHost(PACK, snapshot, p, { warmup }));
        floor.push(await analyzeWithHost(floorPack, snapshot, p, { warmup }));
    }
    const per = (runs: AnalysisRun[], k: "analyzeMs" | "stackMs") =>
        runs.map((r) => r[k] / r.resources);
    return {
        stack,
        source,
        resources: p.resources,
        diagnostics: real[0].diagnostics + real[0].stackDiagnostics,
        analyze: paired(per(real, "analyzeMs"), per(floor, "analyzeMs")),
        analyzeStack: paired(per(real, "stackMs"), per(floor, "stackMs")),
    };
}

interface ScalePoint {
    resources: number;
    analyzePerResource: number;
    stackPerResource: number;
    packPeakRssMb?: number;
    cli: CliRun;
}

/** One in-host analysis (pack peak RSS) and one cold `check --state` at each scale. */
async function linearity(
    work: string,
    base: UntypedDeployment,
    scales: number[],
): Promise<ScalePoint[]> {
    const warmup = prepare(replicateTo(base, 100).snapshot);
    const out: ScalePoint[] = [];
    for (const n of scales) {
        const { snapshot } = replicateTo(base, n);
        const p = prepare(snapshot);
        progress(`linearity: ${p.resources} resources, in-host analysis and check --state`);
        const run = await analyzeWithHost(PACK, snapshot, p, { warmup });
        const file = path.join(work, `linearity-${n}.json`);
        fs.writeFileSync(file, JSON.stringify(snapshot));
        const cli = await checkStateCli(CLI, file, REPO);
        fs.rmSync(file);
        out.push({
            resources: p.resources,
            analyzePerResource: run.analyzeMs / run.resources,
            stackPerResource: run.stackMs / run.resources,
            packPeakRssMb: run.packPeakRssMb,
            cli,
        });
    }
    return out;
}

interface ManyStacks {
    stacks: number;
    resourcesPerStack: number;
    one: Summary;
    many: Summary;
    /** many_i / one_i. */
    ratio: Summary;
    manyPeakRssMb?: number;
}

/** `check --state DIR` with `stacks` exports vs. `check --state FILE` with one, alternately. */
async function manyStacks(
    work: string,
    base: UntypedDeployment,
    stacks: number,
    reps: number,
): Promise<ManyStacks> {
    const { snapshot } = replicateTo(base, 100);
    const dir = path.join(work, "exports");
    fs.mkdirSync(dir, { recursive: true });
    for (let i = 0; i < stacks; i++) {
        const name = `stack-${String(i).padStart(4, "0")}`;
        fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(asStack(snapshot, name)));
    }
    const one = path.join(dir, "stack-0000.json");
    const oneMs: number[] = [];
    const manyMs: number[] = [];
    let peak: number | undefined;
    for (let i = 0; i < reps; i++) {
        oneMs.push((await checkStateCli(CLI, one, REPO)).ms);
        const m = await checkStateCli(CLI, dir, REPO);
        if (m.stacks !== stacks) {
            throw new Error(`check --state ${dir} reported ${m.stacks} stacks, not ${stacks}.`);
        }
        manyMs.push(m.ms);
        peak = Math.max(peak ?? 0, m.peakRssMb ?? 0) || undefined;
    }
    return {
        stacks,
        resourcesPerStack: snapshot.deployment.resources.length,
        one: summarize(oneMs),
        many: summarize(manyMs),
        ratio: summarize(manyMs.map((m, i) => m / oneMs[i])),
        manyPeakRssMb: peak,
    };
}

interface ModuleAudit {
    realModules: number;
    emptyModules: number;
    lazyModules: number;
    providerSdks: string[];
    extraPackages: { name: string; modules: number }[];
}

async function auditModules(
    work: string,
    emptyPack: string,
    snapshot: UntypedDeployment,
): Promise<ModuleAudit> {
    const hook = writeModuleHook(work);
    const emptyLog = path.join(work, "modules-empty.log");
    await withModuleLog(hook, emptyLog, () => startOnce(emptyPack));
    const realLog = path.join(work, "modules-real.log");
    let atInfo = 0;
    await withModuleLog(hook, realLog, () =>
        analyzeWithHost(PACK, snapshot, prepare(snapshot), {
            afterInfo: () => (atInfo = readModuleLog(realLog).length),
        }),
    );
    const empty = readModuleLog(emptyLog);
    const real = readModuleLog(realLog);
    const emptyPkgs = countByPackage(empty);
    return {
        realModules: real.length,
        emptyModules: empty.length,
        lazyModules: real.length - atInfo,
        providerSdks: PROVIDER_SDKS.filter((sdk) => real.some((f) => packageOf(f) === sdk)),
        extraPackages: [...countByPackage(real).entries()]
            .filter(([name]) => name !== "(own code)" && !emptyPkgs.has(name))
            .map(([name, modules]) => ({ name, modules }))
            .sort((a, b) => b.modules - a.modules),
    };
}

async function exampleSnapshot(stack: string): Promise<UntypedDeployment> {
    return (await runProgram({ projectDir: REPO, stack, preview: false })).snapshot;
}

async function main(): Promise<void> {
    const o = parseArgs(process.argv.slice(2));
    for (const f of [CLI, path.join(PACK, "bin", "index.js")]) {
        if (!fs.existsSync(f)) {
            throw new Error(
                `${path.relative(REPO, f)} is missing: run \`npm run build\` first (the bench measures what ships).`,
            );
        }
    }
    // Under the repo, so the scratch packs and program resolve @pulumi/* from its node_modules.
    const work = fs.mkdtempSync(path.join(__dirname, ".work-"));
    const cleanup = () => fs.rmSync(work, { recursive: true, force: true });
    process.once("SIGINT", () => {
        cleanup();
        process.exit(130);
    });
    const started = Date.now();
    const out: Record<string, unknown> = {};
    const lines: string[] = [];
    try {
        const counted = countRules(PACK);
        const rules = o.untypedFloor ? { ...counted, typed: [] } : counted;
        const emptyPack = createEmptyPack(path.join(work, "empty-pack"));
        const floorPack = createFloorPack(path.join(work, "floor-pack"), rules);
        progress(
            `floor pack: ${rules.resource} no-op resource rules (${rules.typed.length} typed as ours are), ${rules.stack} stack rules`,
        );

        let program: ProgramResult | undefined;
        let legacy: UntypedDeployment;
        if (o.only.has("program")) {
            progress(`program runner: legacy-sync vs. empty program, ${o.reps} reps`);
            program = await benchProgram(
                REPO,
                createEmptyProgram(path.join(work, "empty-program")),
                o.reps,
            );
            legacy = program.snapshot;
        } else {
            legacy = await exampleSnapshot("legacy-sync");
        }
        const crm = await exampleSnapshot("crm-erp-sync");

        if (o.only.has("startup")) {
            progress(`pack start-up: ours, floor, empty, ${o.reps} reps`);
            const startup = await benchStartup(
                { real: PACK, floor: floorPack, empty: emptyPack },
                rules,
                o.reps,
            );
            progress("pack start-up: module audit (start + one analysis of legacy-sync)");
            const audit = await auditModules(work, emptyPack, legacy);
            const policyLib = await requireCost("@pulumi/policy", PACK, o.reps);
            const ownRules = await requireCost("./bin/policies", PACK, o.reps, ["@pulumi/policy"]);
            out.startup = { ...startup, audit, policyLib, ownRules };
            lines.push(
                "## 1. Pack start-up (spawn → first GetAnalyzerInfo answered)",
                table(
                    ["pack", "rules", "start-up"],
                    [
                        [
                            "gdpr-guard",
                            `${rules.resource} resource + ${rules.stack} stack`,
                            fmtMs(startup.vsEmpty.measured),
                        ],
                        [
                            "floor (no-op rules)",
                            `${rules.resource} + ${rules.stack}`,
                            fmtMs(startup.floorVsEmpty.measured),
                        ],
                        ["empty", "0", fmtMs(startup.vsEmpty.baseline)],
                    ],
                ),
                `ours / empty: ${fmtRatios(startup.vsEmpty.ratio)}; floor / empty: ${fmtRatios(startup.floorVsEmpty.ratio)}`,
                `require() in a fresh node: @pulumi/policy ${fmtMs(policyLib)}; then our rules ${fmtMs(ownRules)}`,
                `modules: ours ${audit.realModules} (${audit.lazyModules} loaded lazily while analyzing), empty ${audit.emptyModules}; ` +
                    `provider SDKs: ${audit.providerSdks.length === 0 ? "none" : audit.providerSdks.join(", ")}`,
                `packages only ours loads: ${audit.extraPackages.map((x) => `${x.name} (${x.modules})`).join(", ") || "none"}`,
                "",
            );
        }

        if (o.only.has("analysis")) {
            const comparisons: AnalysisComparison[] = [];
            for (const [kind, name, base] of [
                ["compliant", "crm-erp-sync", crm],
                ["violating", "legacy-sync", legacy],
            ] as const) {
                const { snapshot } = replicateTo(base, o.size);
                progress(
                    `analysis: ${name} replicated to ${snapshot.deployment.resources.length} resources, ours vs floor, ${o.reps} reps`,
                );
                comparisons.push(await compareWithFloor(kind, name, snapshot, floorPack, o.reps));
            }
            const agingBase = replicateTo(legacy, o.size).snapshot;
            progress("analysis: the same stack twice in one pack process");
            const aging = await agingPasses(PACK, agingBase, prepare(agingBase), 2);
            progress("analysis: secret scanner per-call cost, early vs. late calls");
            // bench/secrets.ts belongs to the secrets work (#19); a failure there is reported, not fatal.
            const drift = await scannerDrift(PACK, 4, 150).catch((e: Error) => {
                progress(`secret scanner drift not measured: ${e.message.split("\n")[0]}`);
                return undefined;
            });
            out.analysis = { comparisons, aging, drift };
            lines.push(
                `## 2. Analysis, ours vs. the floor pack (per resource; pack warmed first; ${o.reps} reps)`,
                table(
                    [
                        "stack",
                        "resources",
                        "findings",
                        "Analyze / res",
                        "floor",
                        "ratio",
                        "AnalyzeStack / res",
                        "floor",
                        "ratio",
                    ],
                    comparisons.map((c) => [
                        `${c.stack} (${c.source})`,
                        String(c.resources),
                        String(c.diagnostics),
                        fmtMs(c.analyze.measured.median),
                        fmtMs(c.analyze.baseline.median),
                        fmtRatios(c.analyze.ratio),
                        fmtMs(c.analyzeStack.measured.median),
                        fmtMs(c.analyzeStack.baseline.median),
                        fmtRatios(c.analyzeStack.ratio),
                    ]),
                ),
                `same pack process, second pass / first pass, Analyze / resource: ${fmtRatio(aging[1] / aging[0])} (≈1 = no growth)`,
                drift
                    ? `secret scanner per call, last / first of ${drift.perCallUs.length} batches of ${drift.batchSize}: ${fmtRatio(drift.ratio)} (≈1 = flat)`
                    : "secret scanner drift: not measured (see stderr)",
                "",
            );
        }

        if (o.only.has("linearity")) {
            const points = await linearity(work, legacy, o.scales);
            out.linearity = points;
            const first = points[0];
            const last = points[points.length - 1];
            const rss = (mb: number | undefined) =>
                mb === undefined ? "?" : `${mb.toFixed(0)} MB`;
            lines.push(
                "## 3. Linearity (legacy-sync replicated; one run per scale)",
                table(
                    [
                        "resources",
                        "Analyze / res",
                        "AnalyzeStack / res",
                        "pack peak RSS",
                        "check --state / res",
                        "check --state total",
                        "its peak RSS",
                    ],
                    points.map((p) => [
                        String(p.resources),
                        fmtMs(p.analyzePerResource),
                        fmtMs(p.stackPerResource),
                        rss(p.packPeakRssMb),
                        fmtMs(p.cli.ms / p.cli.resources),
                        fmtMs(p.cli.ms),
                        rss(p.cli.peakRssMb),
                    ]),
                ),
                points.length > 1
                    ? `per resource, ${last.resources} vs ${first.resources}: Analyze ${fmtRatio(last.analyzePerResource / first.analyzePerResource)}, ` +
                          `AnalyzeStack ${fmtRatio(last.stackPerResource / first.stackPerResource)}, ` +
                          `check --state ${fmtRatio(last.cli.ms / last.cli.resources / (first.cli.ms / first.cli.resources))} (≈1 = linear; goal ≤ 1.2)`
                    : "one scale: no linearity ratio",
                "",
            );
        }

        if (o.only.has("many")) {
            progress(`many stacks: ${o.stacks} exports vs one, ${o.reps} reps`);
            const m = await manyStacks(work, crm, o.stacks, o.reps);
            out.many = m;
            lines.push(
                `## 4. Many stacks (check --state DIR, crm-erp-sync exports of ${m.resourcesPerStack} resources)`,
                table(
                    ["run", "time", "peak RSS"],
                    [
                        [
                            `${m.stacks} exports`,
                            fmtMs(m.many),
                            m.manyPeakRssMb ? `${m.manyPeakRssMb.toFixed(0)} MB` : "?",
                        ],
                        ["1 export", fmtMs(m.one), ""],
                    ],
                ),
                `${m.stacks} exports / 1 export: ${fmtRatios(m.ratio)} (goal ≤ 10x for 100)`,
                "",
            );
        }

        if (program) {
            out.program = { ...program, snapshot: undefined };
            lines.push(
                "## 5. Program runner (runProgram under mocks)",
                `legacy-sync (${program.resources} resources) ${fmtMs(program.real)} vs empty program ${fmtMs(program.empty)}: ${fmtRatio(program.ratio)}`,
                "",
            );
        }
        process.stdout.write(lines.join("\n"));
        progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        if (o.json) {
            fs.writeFileSync(o.json, JSON.stringify(out, null, 4) + "\n");
        }
    } finally {
        cleanup();
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
});
