// The secret scanner's cost.
//
//   scannerDrift  per-call cost as a process ages: `scanValue` (policypack/lib/secrets/detector.ts)
//                 called in batches in one fresh process, yielding to the event loop after each call
//                 as the pack does between requests. A scanner whose per-call cost is flat has a
//                 late/early ratio ≈ 1; one that keeps state per call (e.g. a profiler that never
//                 forgets) grows with the number of calls. (`npm run bench` runs it.)
//   scannerCost   per-value cost of each format layer on the same values in the same run:
//                 secretlint (the format layer before gitleaks' rules), gitleaks' rules with and
//                 without the keyword prefilter, and the whole `scanValue`:
//
//                     npx ts-node bench/secrets.ts [--rounds N]
import { spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { scanValue, secretlintRuleIds } from "../policypack/lib/secrets/detector";
import { formatMatches } from "../policypack/lib/secrets/formats";

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
    const lib = path.join(packDir, "bin", "lib", "secrets", "detector.js");
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

/** Values as the rules meet them: env settings, references, documents, and a few tokens. */
export function benchValues(): string[] {
    let seed = 17;
    const rand = (alphabet: string, n: number) =>
        Array.from({ length: n }, () => {
            seed = (seed * 1664525 + 1013904223) >>> 0;
            return alphabet[seed % alphabet.length];
        }).join("");
    const b62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const settings = [
        "https://crm.internal.example.com/api",
        "/vault/secrets/db",
        "500",
        "eu-west-1",
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:crm-db-AbCdEf",
        "info",
        "true",
        "crm-erp-sync",
        "registry.example.com/crm-erp-sync:1.4.2",
        "sha256:" + rand("0123456789abcdef", 64),
        rand("0123456789abcdef", 8) +
            "-" +
            rand("0123456789abcdef", 4) +
            "-4aaa-8bbb-" +
            rand("0123456789abcdef", 12),
        "db.host=postgres.crm.svc\ndb.port=5432\nlog.level=info\nfeature.x=true\n",
    ];
    const tokens = [
        "pul-" + rand("0123456789abcdef", 40),
        "AIza" + rand(b62, 35),
        "dop_v1_" + rand("0123456789abcdef", 64),
        rand(b62, 32),
    ];
    return [...settings, ...settings, ...settings, ...tokens];
}

export interface ScannerCost {
    values: number;
    /** Microseconds per value, median of the rounds. */
    perValueUs: Record<
        "secretlint" | "gitleaks, prefilter" | "gitleaks, no prefilter" | "scanValue",
        number
    >;
}

async function timeRound(values: string[], f: (v: string) => unknown): Promise<number> {
    const t = performance.now();
    for (const v of values) {
        await f(v);
    }
    return ((performance.now() - t) / values.length) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Each format layer's per-value cost on {@link benchValues}: rounds alternate between the layers
 * (the machine is shared), the median round is reported.
 */
export async function scannerCost(rounds: number): Promise<ScannerCost> {
    const values = benchValues();
    const layers: Record<keyof ScannerCost["perValueUs"], (v: string) => unknown> = {
        secretlint: (v) => secretlintRuleIds(v),
        "gitleaks, prefilter": (v) => [...formatMatches(v)],
        "gitleaks, no prefilter": (v) => [...formatMatches(v, false)],
        scanValue: (v) => scanValue(v, "SETTING_VALUE"),
    };
    const times = Object.fromEntries(Object.keys(layers).map((k) => [k, [] as number[]]));
    for (let r = -2; r < rounds; r++) {
        for (const [name, f] of Object.entries(layers)) {
            const t = await timeRound(values, f);
            if (r >= 0) {
                times[name].push(t); // rounds -2 and -1 warm up: secretlint loads, regexes compile
            }
        }
    }
    const perValueUs = Object.fromEntries(
        Object.entries(times).map(([k, ts]) => [k, median(ts)]),
    ) as ScannerCost["perValueUs"];
    return { values: values.length, perValueUs };
}

if (require.main === module) {
    const i = process.argv.indexOf("--rounds");
    const rounds = i > 0 ? Number(process.argv[i + 1]) : 30;
    void scannerCost(Number.isInteger(rounds) && rounds > 0 ? rounds : 30).then((c) => {
        const us = c.perValueUs;
        process.stdout.write(
            `secret scanner, ${c.values} values, µs per value (median of ${rounds} rounds):\n`,
        );
        for (const [name, t] of Object.entries(us)) {
            process.stdout.write(`  ${name.padEnd(24)} ${t.toFixed(1)}\n`);
        }
        process.stdout.write(
            `  format layer before gitleaks (secretlint): ${us.secretlint.toFixed(1)} µs; with gitleaks' rules: ` +
                `${(us.secretlint + us["gitleaks, prefilter"]).toFixed(1)} µs (x${((us.secretlint + us["gitleaks, prefilter"]) / us.secretlint).toFixed(2)}); ` +
                `the prefilter makes gitleaks' rules x${(us["gitleaks, no prefilter"] / us["gitleaks, prefilter"]).toFixed(1)} cheaper\n`,
        );
    });
}
