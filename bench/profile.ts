// Where the pack's time goes: `npx ts-node bench/profile.ts [--size N] [--top N] [--keep DIR] [--floor]`.
// Analyzes crm-erp-sync (compliant) and legacy-sync (violating) replicated to --size resources
// as `check --state` does (bench/analysis.ts drives the analyzer host), with the pack under V8's
// CPU profiler — the one `node --cpu-prof` starts, which NODE_OPTIONS does not allow, so a
// --require hook starts it through node:inspector in the pack process and writes the profile when
// the SIGTERM that ends the pack arrives — then prints the pack's self time
// by area (each rule file, each lib file, the framework, gRPC/protobuf, libraries) and the top
// functions; `--floor` profiles the floor pack instead, to set each area beside ours. Needs
// `npm run build`.
import * as fs from "node:fs";
import * as path from "node:path";
import { runProgram } from "../dist/cli/runner";
import { analyzeWithHost, prepare } from "./analysis";
import { countRules, createFloorPack } from "./packs";
import { replicateTo } from "./snapshots";
import { fmtMs, progress, table } from "./stats";

const REPO = path.resolve(__dirname, "..");
const PACK = path.join(REPO, "policypack");

interface CpuProfile {
    nodes: {
        id: number;
        callFrame: { functionName: string; url: string; lineNumber: number };
    }[];
    samples: number[];
    timeDeltas: number[];
}

/** Which part of the pack a script URL belongs to. */
function areaOf(url: string): string {
    const file = url.replace(/^file:\/\//, "");
    const own = /policypack\/bin\/(policies\/.+|lib\/.+|index)\.js$/.exec(file);
    if (own) {
        return own[1];
    }
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (pkg) {
        const name = pkg[1];
        if (/^(@grpc\/|google-protobuf|protobufjs)/.test(name)) {
            return "(gRPC / protobuf)";
        }
        return `(${name})`;
    }
    return file.startsWith("node:") || file === "" ? "(node / GC / idle)" : `(${file})`;
}

/** Self time per node id, in ms. */
function selfTimes(p: CpuProfile): Map<number, number> {
    const self = new Map<number, number>();
    p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
    return self;
}

function summarizeProfile(p: CpuProfile, top: number): string {
    const self = selfTimes(p);
    const byNode = new Map(p.nodes.map((n) => [n.id, n]));
    const byArea = new Map<string, number>();
    const byFn = new Map<string, number>();
    let busy = 0;
    for (const [id, ms] of self) {
        const n = byNode.get(id)!;
        const { functionName, url, lineNumber } = n.callFrame;
        if (functionName === "(idle)" || functionName === "(program)") {
            continue;
        }
        busy += ms;
        const area = functionName === "(garbage collector)" ? "(garbage collector)" : areaOf(url);
        byArea.set(area, (byArea.get(area) ?? 0) + ms);
        const fn = `${functionName || "(anonymous)"}  ${area}:${lineNumber + 1}`;
        byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
    }
    const rows = (m: Map<string, number>) =>
        [...m.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, top)
            .map(([k, ms]) => [fmtMs(ms), `${((100 * ms) / busy).toFixed(1)}%`, k]);
    return [
        `busy (not idle) ${fmtMs(busy)}`,
        table(["self", "share", "area"], rows(byArea)),
        "",
        table(["self", "share", "function"], rows(byFn)),
    ].join("\n");
}

function parseArgs(argv: string[]): { size: number; top: number; keep?: string; floor: boolean } {
    const o: { size: number; top: number; keep?: string; floor: boolean } = {
        size: 3000,
        top: 25,
        floor: false,
    };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--floor") {
            o.floor = true;
            continue;
        }
        const v = argv[++i];
        if (argv[i - 1] === "--size") {
            o.size = Number(v);
        } else if (argv[i - 1] === "--top") {
            o.top = Number(v);
        } else if (argv[i - 1] === "--keep") {
            o.keep = path.resolve(v);
        } else {
            throw new Error(
                `Unknown option "${argv[i - 1]}". Options: --size N, --top N, --keep DIR, --floor.`,
            );
        }
    }
    return o;
}

async function main(): Promise<void> {
    const o = parseArgs(process.argv.slice(2));
    const work = o.keep ?? fs.mkdtempSync(path.join(__dirname, ".work-profile-"));
    fs.mkdirSync(work, { recursive: true });
    const hook = path.join(work, "profile-pack.js");
    fs.writeFileSync(hook, PROFILE_HOOK);
    // --floor: the floor pack (as many no-op rules as ours), to set each area beside ours.
    const pack = o.floor ? createFloorPack(path.join(work, "floor"), countRules(PACK)) : PACK;
    try {
        for (const stack of ["crm-erp-sync", "legacy-sync"]) {
            const { snapshot } = replicateTo(
                (await runProgram({ projectDir: REPO, stack, preview: false })).snapshot,
                o.size,
            );
            const profDir = path.join(work, `prof-${stack}`);
            fs.rmSync(profDir, { recursive: true, force: true });
            progress(`${stack}: ${snapshot.deployment.resources.length} resources, profiled`);
            const p = prepare(snapshot);
            const saved = process.env.NODE_OPTIONS;
            process.env.NODE_OPTIONS = `${saved ?? ""} --require ${hook}`.trim();
            process.env.GDPR_GUARD_PROFILE_DIR = profDir;
            let run;
            try {
                // Started with the hook in its environment; warmed on the first 100 resources.
                run = await analyzeWithHost(pack, snapshot, p, {
                    warmup: { ...p, perResource: p.perResource.slice(0, 100), stack: [] },
                });
            } finally {
                process.env.NODE_OPTIONS = saved;
                if (saved === undefined) {
                    delete process.env.NODE_OPTIONS;
                }
            }
            // The pack writes its profile when the SIGTERM of host.close() arrives.
            for (let i = 0; i < 300 && !fs.existsSync(profDir); i++) {
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            await new Promise((resolve) => setTimeout(resolve, 500));
            const [file] = fs.readdirSync(profDir);
            const profile = JSON.parse(
                fs.readFileSync(path.join(profDir, file), "utf8"),
            ) as CpuProfile;
            process.stdout.write(
                `## ${stack}, ${p.resources} resources: Analyze ${fmtMs(run.analyzeMs / p.resources)} / resource, ` +
                    `AnalyzeStack ${fmtMs(run.stackMs)}; the pack's self time (warm-up included)\n` +
                    `${summarizeProfile(profile, o.top)}\n\n`,
            );
        }
    } finally {
        if (!o.keep) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    }
}

/** A --require hook: V8's CPU profiler in the pack process, its profile written on SIGTERM. */
const PROFILE_HOOK = [
    'if (process.argv.some((a) => a.includes("run-policy-pack"))) {',
    '    const inspector = require("node:inspector");',
    '    const fs = require("node:fs");',
    "    const s = new inspector.Session();",
    "    s.connect();",
    '    s.post("Profiler.enable");',
    '    s.post("Profiler.setSamplingInterval", { interval: 500 });',
    '    s.post("Profiler.start");',
    '    process.on("SIGTERM", () =>',
    '        s.post("Profiler.stop", (err, r) => {',
    "            const dir = process.env.GDPR_GUARD_PROFILE_DIR;",
    "            fs.mkdirSync(dir, { recursive: true });",
    "            fs.writeFileSync(`${dir}/pack-${process.pid}.cpuprofile`, JSON.stringify(r.profile));",
    "            process.exit(0);",
    "        }),",
    "    );",
    "}",
    "",
].join("\n");

main().catch((e: unknown) => {
    process.stderr.write(`profile failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
});
