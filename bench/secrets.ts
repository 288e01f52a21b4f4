// The secret scanner's cost per call as a process ages: `scanValue` (policypack/lib/secrets/detector.ts)
// called in batches in one fresh process, yielding to the event loop after each call as the pack
// does between requests. A scanner whose per-call cost is flat has a late/early ratio ≈ 1; one
// that keeps state per call (e.g. a profiler that never forgets) grows with the number of calls.
import { spawn } from "node:child_process";
import * as path from "node:path";

export interface ScannerDrift {
    batchSize: number;
    /** Microseconds per call, one number per consecutive batch. */
    perCallUs: number[];
    /** Last batch's per-call time over the first batch's. */
    ratio: number;
}

/** Runs `batches` batches of `batchSize` scans of harmless values in a fresh node; undefined if the pack has no scanner. */
export async function scannerDrift(
    packDir: string,
    batches: number,
    batchSize: number,
): Promise<ScannerDrift | undefined> {
    const lib = path.join(packDir, "bin", "lib", "secrets.js");
    const script = `
const { performance } = require("node:perf_hooks");
const { scanValue } = require(${JSON.stringify(lib)});
if (typeof scanValue !== "function") { process.stdout.write("null"); process.exit(0); }
const tick = () => new Promise((r) => setImmediate(r));
(async () => {
    // Warm-up: loads secretlint (lazily imported on first use) and JIT-compiles the scanner.
    for (let i = 0; i < 20; i++) {
        await scanValue("warm-up-" + i, "description");
        await tick();
    }
    const out = [];
    for (let b = 0; b < ${batches}; b++) {
        const t = performance.now();
        for (let i = 0; i < ${batchSize}; i++) {
            await scanValue("plain-value-" + b + "-" + i, "description");
            await tick();
        }
        out.push(((performance.now() - t) / ${batchSize}) * 1000);
    }
    process.stdout.write(JSON.stringify(out));
    process.exit(0);
})();
`;
    const stdout = await new Promise<string>((resolve, reject) => {
        const p = spawn(process.execPath, ["-e", script], {
            cwd: packDir,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (err += d));
        p.on("exit", (code) =>
            code === 0
                ? resolve(out)
                : reject(new Error(`secret scanner run failed: ${err.trim().split("\n")[0]}`)),
        );
    });
    const perCallUs = JSON.parse(stdout) as number[] | null;
    if (!perCallUs) {
        return undefined;
    }
    return { batchSize, perCallUs, ratio: perCallUs[perCallUs.length - 1] / perCallUs[0] };
}
