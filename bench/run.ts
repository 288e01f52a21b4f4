// gdpr-guard benchmarks: `npm run build && npm run bench` (or `npx ts-node bench/run.ts`).
//
//   1. pack start-up      real pack vs. an empty pack, spawn → first GetAnalyzerInfo answered;
//                         plus which modules the pack loads (no provider SDK may be among them)
//   2. analysis           legacy-sync's snapshot replicated 1x / 4x / 16x: per-resource Analyze
//                         and AnalyzeStack time per resource, 16x vs 1x (≈1 means linear)
//   3. program runner     the example program under mocks vs. an empty program, same runner
//
// Every number is a ratio against a baseline measured in the same run; the machine is shared,
// so real and baseline runs alternate and the median is reported with min–max.
//
// Options: --reps N (start-up and runner repetitions, default 3), --analysis-reps N (default 3),
// --scales 1,4,16, --json FILE (raw results).
import * as fs from "node:fs";
import * as path from "node:path";
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
    benchStartup,
    countByPackage,
    createEmptyPack,
    packageOf,
    readModuleLog,
    requireCost,
    startOnce,
    withModuleLog,
    writeModuleHook,
    type StartupResult,
} from "./packs";
import { benchProgram, createEmptyProgram, type ProgramResult } from "./program";
import { scannerDrift, type ScannerDrift } from "./secrets";
import { replicate } from "./snapshots";
import { fmtMs, fmtRatio, progress, summarize, table, type Summary } from "./stats";

const REPO = path.resolve(__dirname, "..");
const PACK = path.join(REPO, "policypack");
const CLI = path.join(REPO, "dist", "cli", "main.js");

interface Options {
    reps: number;
    analysisReps: number;
    scales: number[];
    json?: string;
}

function parseArgs(argv: string[]): Options {
    const o: Options = { reps: 3, analysisReps: 3, scales: [1, 4, 16] };
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
            case "--analysis-reps":
                o.analysisReps = count(value());
                break;
            case "--scales":
                o.scales = value().split(",").map(count);
                break;
            case "--json":
                o.json = path.resolve(value());
                break;
            default:
                throw new Error(
                    `Unknown option "${argv[i]}". Options: --reps N, --analysis-reps N, --scales 1,4,16, --json FILE.`,
                );
        }
    }
    return o;
}

interface ModuleAudit {
    realModules: number;
    emptyModules: number;
    /** Modules loaded after GetAnalyzerInfo was answered, i.e. lazily while analyzing. */
    lazyModules: string[];
    providerSdks: string[];
    /** Packages the real pack loads that the empty pack does not, with their module counts. */
    extraPackages: { name: string; modules: number; requireMs?: Summary }[];
    ownModules: number;
}

async function auditModules(
    work: string,
    emptyPack: string,
    prepared: ReturnType<typeof prepare>,
    snapshot: Parameters<typeof analyzeWithHost>[1],
): Promise<ModuleAudit> {
    const hook = writeModuleHook(work);
    const emptyLog = path.join(work, "modules-empty.log");
    await withModuleLog(hook, emptyLog, () => startOnce(emptyPack));
    const realLog = path.join(work, "modules-real.log");
    let atInfo = 0;
    await withModuleLog(hook, realLog, () =>
        analyzeWithHost(PACK, snapshot, prepared, {
            afterInfo: () => (atInfo = readModuleLog(realLog).length),
        }),
    );
    const empty = readModuleLog(emptyLog);
    const real = readModuleLog(realLog);
    const emptyPkgs = countByPackage(empty);
    const realPkgs = countByPackage(real);
    const extraPackages = [...realPkgs.entries()]
        .filter(([name]) => name !== "(own code)" && !emptyPkgs.has(name))
        .map(([name, modules]) => ({ name, modules }))
        .sort((a, b) => b.modules - a.modules);
    return {
        realModules: real.length,
        emptyModules: empty.length,
        lazyModules: real.slice(atInfo),
        providerSdks: PROVIDER_SDKS.filter((sdk) => real.some((f) => packageOf(f) === sdk)),
        extraPackages,
        ownModules: realPkgs.get("(own code)") ?? 0,
    };
}

interface ScaleResult {
    scale: number;
    resources: number;
    runs: AnalysisRun[];
    analyzePerResource: Summary;
    stackPerResource: Summary;
    cli: CliRun;
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
    // Under the repo, so the empty pack and program resolve @pulumi/* from its node_modules.
    const work = fs.mkdtempSync(path.join(__dirname, ".work-"));
    const cleanup = () => fs.rmSync(work, { recursive: true, force: true });
    process.once("SIGINT", () => {
        cleanup();
        process.exit(130);
    });
    const started = Date.now();
    try {
        const emptyPack = createEmptyPack(path.join(work, "empty-pack"));
        const emptyProgram = createEmptyProgram(path.join(work, "empty-program"));

        // 3 first: its last run's snapshot is benchmark 2's 1x.
        progress(`program runner: legacy-sync vs. empty program, ${o.reps} reps`);
        const program: ProgramResult = await benchProgram(REPO, emptyProgram, o.reps);

        progress(`pack start-up: real vs. empty pack, ${o.reps} reps`);
        const startup: StartupResult = await benchStartup(PACK, emptyPack, o.reps);
        progress("pack start-up: require() cost of @pulumi/policy and of the rules");
        const policyLib = await requireCost("@pulumi/policy", PACK, 3);
        const rules = await requireCost("./bin/policies", PACK, 3, ["@pulumi/policy"]);

        const base = program.snapshot;
        const p1 = prepare(base);
        progress("pack start-up: module audit (start + one analysis of legacy-sync)");
        const audit = await auditModules(work, emptyPack, p1, base);
        for (const x of audit.extraPackages) {
            x.requireMs = await requireCost(x.name, PACK, 3);
        }

        const scales: ScaleResult[] = [];
        for (const scale of o.scales) {
            const { snapshot } = replicate(base, scale);
            const prepared = prepare(snapshot);
            const file = path.join(work, `legacy-sync-x${scale}.json`);
            fs.writeFileSync(file, JSON.stringify(snapshot));
            progress(
                `analysis ${scale}x (${prepared.resources} resources), ${o.analysisReps} reps + check --state`,
            );
            const runs: AnalysisRun[] = [];
            for (let i = 0; i < o.analysisReps; i++) {
                runs.push(await analyzeWithHost(PACK, snapshot, prepared, { warmup: p1 }));
            }
            const cli = await checkStateCli(CLI, file, REPO);
            scales.push({
                scale,
                resources: prepared.resources,
                runs,
                analyzePerResource: summarize(runs.map((r) => r.analyzeMs / r.resources)),
                stackPerResource: summarize(runs.map((r) => r.stackMs / r.resources)),
                cli,
            });
        }

        // The largest snapshot twice in one pack process: the second pass starts where a stack of
        // twice the size would be halfway through.
        const agingScale = o.scales[o.scales.length - 1];
        progress(
            `analysis: ${agingScale}x analyzed twice in one pack process (does the pack slow down as it works?)`,
        );
        const agingSnapshot = replicate(base, agingScale).snapshot;
        const aging = await agingPasses(PACK, agingSnapshot, prepare(agingSnapshot), 2);
        progress("analysis: secret scanner per-call cost, early vs. late calls in one process");
        const drift = await scannerDrift(PACK, 4, 150);

        report(
            o,
            startup,
            policyLib,
            rules,
            audit,
            scales,
            { scale: agingScale, perResource: aging },
            drift,
            program,
        );
        progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        if (o.json) {
            const { snapshot: _omit, ...programOut } = program;
            fs.writeFileSync(
                o.json,
                JSON.stringify(
                    { startup, policyLib, rules, audit, scales, aging, drift, program: programOut },
                    null,
                    4,
                ) + "\n",
            );
        }
    } finally {
        cleanup();
    }
}

function report(
    o: Options,
    startup: StartupResult,
    policyLib: Summary,
    rules: Summary,
    audit: ModuleAudit,
    scales: ScaleResult[],
    aging: { scale: number; perResource: number[] },
    drift: ScannerDrift | undefined,
    program: ProgramResult,
): void {
    const agingRatio = aging.perResource[aging.perResource.length - 1] / aging.perResource[0];
    const out: string[] = [];
    out.push("## 1. Pack start-up (spawn → first GetAnalyzerInfo answered)");
    out.push(
        table(
            ["pack", "policies", "start-up"],
            [
                ["gdpr-guard", String(startup.policies), fmtMs(startup.real)],
                ["empty (baseline)", "0", fmtMs(startup.empty)],
            ],
        ),
    );
    out.push(`ratio real/empty: ${fmtRatio(startup.ratio)}`);
    out.push(
        `require() in a fresh node: @pulumi/policy ${fmtMs(policyLib)}; then the rules (policypack/bin/policies) ${fmtMs(rules)}`,
    );
    out.push(
        `modules loaded: real ${audit.realModules} (${audit.ownModules} of the pack's own), empty ${audit.emptyModules}; ` +
            `loaded lazily while analyzing: ${audit.lazyModules.length}`,
    );
    out.push(
        `provider SDKs loaded at run time: ${audit.providerSdks.length === 0 ? "none" : audit.providerSdks.join(", ")}`,
    );
    if (audit.extraPackages.length > 0) {
        out.push(
            "packages only the real pack loads: " +
                audit.extraPackages
                    .map(
                        (x) =>
                            `${x.name} (${x.modules} modules, require ${x.requireMs ? fmtMs(x.requireMs.median) : "?"})`,
                    )
                    .join(", "),
        );
    }
    for (const f of audit.lazyModules.slice(0, 10)) {
        out.push(`  lazily loaded: ${path.relative(REPO, f)}`);
    }

    out.push("");
    out.push(
        "## 2. Analysis (legacy-sync snapshot replicated; pack warmed on 1x first; per resource)",
    );
    const first = scales[0];
    out.push(
        table(
            [
                "scale",
                "resources",
                "Analyze+Remediate / resource",
                "AnalyzeStack / resource",
                "AnalyzeStack total",
                "violations",
                "check --state (cold, e2e)",
            ],
            scales.map((s) => [
                `${s.scale}x`,
                String(s.resources),
                fmtMs(s.analyzePerResource),
                fmtMs(s.stackPerResource),
                fmtMs(summarize(s.runs.map((r) => r.stackMs)).median),
                String(s.cli.violations),
                fmtMs(s.cli.ms),
            ]),
        ),
    );
    const last = scales[scales.length - 1];
    if (scales.length > 1) {
        const label = `${last.scale}x vs ${first.scale}x`;
        out.push(
            `per-resource ratio ${label}: Analyze ${fmtRatio(last.analyzePerResource.median / first.analyzePerResource.median)}, ` +
                `AnalyzeStack ${fmtRatio(last.stackPerResource.median / first.stackPerResource.median)} (≈1 = linear)`,
        );
        out.push(
            `violations ${label}: ${fmtRatio(last.cli.violations / first.cli.violations)} for ${fmtRatio(last.resources / first.resources)} the resources`,
        );
    }
    out.push(
        `same pack process, ${aging.scale}x analyzed ${aging.perResource.length} times, Analyze / resource per pass: ` +
            `${aging.perResource.map((ms) => fmtMs(ms)).join(" → ")}; last/first ${fmtRatio(agingRatio)} (≈1 = no growth)`,
    );
    if (drift) {
        out.push(
            `secret scanner (scanValue) per call, batches of ${drift.batchSize} in one process: ` +
                `${drift.perCallUs.map((us) => fmtMs(us / 1000)).join(" → ")}; last/first ${fmtRatio(drift.ratio)} (≈1 = flat)`,
        );
    }

    out.push("");
    out.push("## 3. Program runner (runProgram under mocks)");
    out.push(
        table(
            ["program", "resources", "run"],
            [
                ["legacy-sync", String(program.resources), fmtMs(program.real)],
                ["empty (baseline)", "1", fmtMs(program.empty)],
            ],
        ),
    );
    out.push(`ratio legacy-sync/empty: ${fmtRatio(program.ratio)}`);

    out.push("");
    out.push(`## Summary (median of ${o.reps} reps; analysis ${o.analysisReps} reps)`);
    const rows: string[][] = [
        [
            "pack start-up",
            fmtMs(startup.real.median),
            fmtMs(startup.empty.median),
            fmtRatio(startup.ratio),
            "empty pack",
        ],
        [
            "provider SDKs in pack",
            audit.providerSdks.length === 0 ? "none" : audit.providerSdks.join(" "),
            "",
            "",
            "must be none",
        ],
    ];
    if (scales.length > 1) {
        rows.push(
            [
                `Analyze / resource @${last.scale}x`,
                fmtMs(last.analyzePerResource.median),
                fmtMs(first.analyzePerResource.median),
                fmtRatio(last.analyzePerResource.median / first.analyzePerResource.median),
                `same @${first.scale}x`,
            ],
            [
                `AnalyzeStack / res @${last.scale}x`,
                fmtMs(last.stackPerResource.median),
                fmtMs(first.stackPerResource.median),
                fmtRatio(last.stackPerResource.median / first.stackPerResource.median),
                `same @${first.scale}x`,
            ],
            [
                `check --state @${last.scale}x / res`,
                fmtMs(last.cli.ms / last.resources),
                fmtMs(first.cli.ms / first.resources),
                fmtRatio(last.cli.ms / last.resources / (first.cli.ms / first.resources)),
                `same @${first.scale}x (cold)`,
            ],
        );
    }
    rows.push([
        `Analyze / res, pass ${aging.perResource.length} (${aging.scale}x)`,
        fmtMs(aging.perResource[aging.perResource.length - 1]),
        fmtMs(aging.perResource[0]),
        fmtRatio(agingRatio),
        "pass 1, same process",
    ]);
    if (drift) {
        rows.push([
            `scanValue / call, calls ${drift.batchSize * (drift.perCallUs.length - 1) + 1}–${drift.batchSize * drift.perCallUs.length}`,
            fmtMs(drift.perCallUs[drift.perCallUs.length - 1] / 1000),
            fmtMs(drift.perCallUs[0] / 1000),
            fmtRatio(drift.ratio),
            `calls 1–${drift.batchSize}`,
        ]);
    }
    rows.push([
        "program runner",
        fmtMs(program.real.median),
        fmtMs(program.empty.median),
        fmtRatio(program.ratio),
        "empty program",
    ]);
    out.push(table(["benchmark", "measured", "baseline", "ratio", "baseline is"], rows));
    process.stdout.write(out.join("\n") + "\n");
}

main().catch((e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
});
