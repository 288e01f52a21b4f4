// The policy server's own cost per resource, without gRPC transport or process scheduling:
// `npx ts-node bench/inprocess.ts [--size N] [--reps N] [--passes N] [--pack DIR] [--stack NAME]`.
// Each repetition starts two fresh node processes, ours and the floor pack (bench/packs.ts), in
// turn. Each loads its pack in-process, takes the handlers @pulumi/policy's `serve` registers
// (grpc's `Server.addService` is replaced before the pack loads, and nothing is bound), answers
// GetAnalyzerInfo and a Configure with the defaults as `check` does, then sends every resource's
// AnalyzeRequest (built by cli/proto.ts) straight to the Analyze handler, pass after pass. What a
// pass costs is read as the process's CPU time, which another process on the machine disturbs
// less than wall time; the median pass of each process counts. Printed: CPU per resource of
// each, and ours / floor with min–median–max over the repetitions. On the gRPC path
// (bench/run.ts) the transport, the same for both packs, is added on both sides of the ratio.
// Needs `npm run build`.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { reconcilePolicyPackConfig } from "../dist/cli/config";
import { analyzeRequest, analyzerInfo, configureRequest } from "../dist/cli/proto";
import { runProgram } from "../dist/cli/runner";
import { prepare } from "./analysis";
import { countRules, createFloorPack } from "./packs";
import { replicateTo } from "./snapshots";
import { fmtRatio, progress, summarize, table } from "./stats";

const REPO = path.resolve(__dirname, "..");
const PACK = path.join(REPO, "policypack");

interface Options {
    size: number;
    reps: number;
    passes: number;
    pack: string;
    stack: string;
}

function parseArgs(argv: string[]): Options {
    const o: Options = { size: 1000, reps: 5, passes: 11, pack: PACK, stack: "crm-erp-sync" };
    for (let i = 0; i < argv.length; i += 2) {
        const [flag, v] = [argv[i], argv[i + 1]];
        if (v === undefined) {
            throw new Error(`${flag} needs a value.`);
        }
        if (flag === "--size" || flag === "--reps" || flag === "--passes") {
            const n = Number(v);
            if (!Number.isInteger(n) || n < 1) {
                throw new Error(`${flag} must be a whole number above 0, not "${v}".`);
            }
            o[flag.slice(2) as "size" | "reps" | "passes"] = n;
        } else if (flag === "--pack" || flag === "--stack") {
            o[flag.slice(2) as "pack" | "stack"] = flag === "--pack" ? path.resolve(v) : v;
        } else {
            throw new Error(
                `Unknown option "${flag}". Options: --size N, --reps N, --passes N, --pack DIR, --stack NAME.`,
            );
        }
    }
    return o;
}

/** In a child: the pack at `entry` served in this process, its Analyze handler timed. */
async function child(entry: string, requestsFile: string, passes: number): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpc = require("@grpc/grpc-js") as {
        Server: { prototype: Record<string, unknown> };
    };
    let handlers: Record<string, (call: unknown, cb: (e: unknown, r: unknown) => void) => void> =
        {};
    grpc.Server.prototype.addService = function (_service: unknown, impl: typeof handlers) {
        handlers = impl;
    };
    grpc.Server.prototype.bindAsync = () => undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(entry);
    const call = (name: string, request: unknown) =>
        new Promise<any>((resolve, reject) =>
            handlers[name]({ request }, (e, r) => (e ? reject(e) : resolve(r))),
        );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
    const info = analyzerInfo(await call("getAnalyzerInfo", new Empty()));
    await call(
        "configure",
        configureRequest(reconcilePolicyPackConfig(info.policies, info.initialConfig, {})),
    );
    const requests = (JSON.parse(fs.readFileSync(requestsFile, "utf8")) as never[]).map((r) =>
        analyzeRequest(r),
    );
    const pass = async () => {
        for (const r of requests) {
            await call("analyze", r);
        }
    };
    await pass(); // warm-up
    const cpu: number[] = [];
    for (let i = 0; i < passes; i++) {
        const c0 = process.cpuUsage();
        await pass();
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000 / requests.length);
    }
    process.stdout.write(`${JSON.stringify({ msPerResource: summarize(cpu).median })}\n`);
    process.exit(0);
}

function runChild(entry: string, requestsFile: string, passes: number): number {
    const r = spawnSync(
        process.execPath,
        [
            "-r",
            "ts-node/register/transpile-only",
            __filename,
            "--child",
            entry,
            requestsFile,
            String(passes),
        ],
        { cwd: REPO, encoding: "utf8", timeout: 600_000 },
    );
    const last = (r.stdout ?? "").trim().split("\n").pop() ?? "";
    if (r.status !== 0 || !last.startsWith("{")) {
        throw new Error(
            `the in-process run of ${entry} failed (exit ${r.status}): ${(r.stderr ?? "").trim().split("\n").pop()}`,
        );
    }
    return (JSON.parse(last) as { msPerResource: number }).msPerResource;
}

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    if (argv[0] === "--child") {
        return child(argv[1], argv[2], Number(argv[3]));
    }
    const o = parseArgs(argv);
    const work = fs.mkdtempSync(path.join(__dirname, ".work-inprocess-"));
    try {
        const floor = createFloorPack(path.join(work, "floor"), countRules(PACK));
        const { snapshot } = replicateTo(
            (await runProgram({ projectDir: REPO, stack: o.stack, preview: false })).snapshot,
            o.size,
        );
        const p = prepare(snapshot);
        const requestsFile = path.join(work, "requests.json");
        fs.writeFileSync(requestsFile, JSON.stringify(p.perResource));
        const ours: number[] = [];
        const base: number[] = [];
        for (let i = 0; i < o.reps; i++) {
            progress(`${o.stack}, ${p.resources} resources: repetition ${i + 1} of ${o.reps}`);
            ours.push(runChild(path.join(o.pack, "bin", "index.js"), requestsFile, o.passes));
            base.push(runChild(path.join(floor, "index.js"), requestsFile, o.passes));
        }
        const ratios = summarize(ours.map((v, i) => v / base[i]));
        const ms = (v: number[]) => {
            const s = summarize(v);
            return `${s.median.toFixed(3)} ms (${s.min.toFixed(3)}–${s.max.toFixed(3)})`;
        };
        process.stdout.write(
            `## Analyze handler in-process, CPU per resource (${o.stack}, ${p.resources} resources, ` +
                `${o.reps} reps × median of ${o.passes} passes)\n` +
                table(
                    ["pack", "CPU / resource"],
                    [
                        [path.relative(REPO, o.pack) || o.pack, ms(ours)],
                        ["floor (no-op rules)", ms(base)],
                    ],
                ) +
                `\nours / floor: ${fmtRatio(ratios.median)} (${fmtRatio(ratios.min)}–${fmtRatio(ratios.max)})\n`,
        );
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`bench/inprocess: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
});
