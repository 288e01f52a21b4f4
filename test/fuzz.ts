// Shared pieces of the property-based tests (`*.fuzz.spec.ts`): seeded, bounded runs, and the
// generators of odd values real inputs carry. `npm test` runs a few cases per property;
// `npm run fuzz` many more (FUZZ_SCALE times as many), and FUZZ_SEED replays a failure
// fast-check reported.
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import type { UntypedDeployment } from "../cli/snapshot";
import { UNKNOWN } from "../cli/wire";

const envInt = (name: string, fallback: number): number => {
    const n = Number(process.env[name]);
    return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * fast-check parameters: a fixed seed unless FUZZ_SEED says otherwise, and `runs` cases — times
 * FUZZ_SCALE (`npm run fuzz` sets it) for the long runs that hunt for new counterexamples.
 */
export function fuzzParams(runs: number): fc.Parameters<unknown> {
    return {
        seed: envInt("FUZZ_SEED", 20261201),
        numRuns: runs * envInt("FUZZ_SCALE", 1),
        endOnFailure: true,
    };
}

/** A credential in a real vendor format, planted to prove no output ever carries it. */
export const plantedToken = fc.stringMatching(/^[A-Za-z0-9]{36}$/).map((body) => `ghp_${body}`);

/** Strings that trip parsers: empty, huge, control and unicode characters, numbers as text. */
const oddString = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.constantFrom(
        "",
        " ",
        "*",
        "0",
        "true",
        "null",
        "{",
        "[]",
        "{}",
        "arn:aws:iam::*",
        "0.0.0.0/0",
    ),
    fc.constantFrom("http://", "https://", "::/0", "${var}", "[secret]", UNKNOWN),
    fc.integer().map(String),
    fc.nat({ max: 5 }).map((n) => "x".repeat(10_000 * n + 1)),
);

/** Any property value: primitives of every type, unknowns, nesting, nulls, huge and empty lists. */
export const oddValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double(),
        oddString,
        fc.array(tie("value"), { maxLength: 4 }),
        fc.nat({ max: 2 }).map((n) => Array.from({ length: 2500 * n + 1 }, (_, i) => `item-${i}`)),
        fc.constantFrom({}, [], [null], { "": null }),
        fc.dictionary(oddString, tie("value"), { maxKeys: 4 }),
    ),
})).value;

/** The seed snapshots: one per policy family, realistic enough to reach deep into every rule. */
export function familySnapshots(): UntypedDeployment[] {
    const dir = path.join(__dirname, "engine", "fixtures");
    return fs
        .readdirSync(dir)
        .filter((f) => /^family-.*\.json$/.test(f))
        .sort()
        .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
}

/** Every path to a value inside `v` (objects and arrays), the root first. */
export function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
    const out: (string | number)[][] = [at];
    if (Array.isArray(v)) {
        v.forEach((e, i) => out.push(...paths(e, [...at, i])));
    } else if (v !== null && typeof v === "object") {
        for (const [k, e] of Object.entries(v)) {
            out.push(...paths(e, [...at, k]));
        }
    }
    return out;
}

/** A copy of `v` with the value at `where` replaced (the root path replaces everything). */
export function replaceAt(v: unknown, where: (string | number)[], value: unknown): unknown {
    if (where.length === 0) {
        return value;
    }
    const copy: any = Array.isArray(v) ? [...v] : { ...(v as object) };
    copy[where[0]] = replaceAt(copy[where[0]], where.slice(1), value);
    return copy;
}
