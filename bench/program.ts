// Benchmark 3: the program runner. Times `runProgram` (cli/runner.ts: a child process that runs
// the program under Pulumi's mocks and returns its snapshot) on the example project's
// legacy-sync stack, against an empty Pulumi program in a temporary project run by the same runner.
import * as fs from "node:fs";
import * as path from "node:path";
import { runProgram } from "../dist/cli/runner";
import type { UntypedDeployment } from "../dist/cli/snapshot";
import { now, summarize, type Summary } from "./stats";

/** A TypeScript project whose program only reads the stack name: nothing but the runtime's own cost. */
export function createEmptyProgram(dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        "name: bench-empty\nruntime:\n    name: nodejs\n    options:\n        typescript: true\nmain: index.ts\n",
    );
    fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config:\n    aws:region: eu-west-1\n");
    fs.writeFileSync(
        path.join(dir, "index.ts"),
        'import * as pulumi from "@pulumi/pulumi";\n\nexport const stack = pulumi.getStack();\n',
    );
    return dir;
}

export interface ProgramResult {
    real: Summary;
    empty: Summary;
    ratio: number;
    resources: number;
    /** The legacy-sync snapshot from the last real run (benchmark 2 builds on it). */
    snapshot: UntypedDeployment;
}

/** Alternates the example program and the empty one, one unmeasured warm-up run each. */
export async function benchProgram(
    repoDir: string,
    emptyDir: string,
    reps: number,
): Promise<ProgramResult> {
    const realRun = async () =>
        (await runProgram({ projectDir: repoDir, stack: "legacy-sync", preview: false })).snapshot;
    const emptyRun = () => runProgram({ projectDir: emptyDir, stack: "bench", preview: false });
    let snapshot = await realRun();
    await emptyRun();
    const real: number[] = [];
    const empty: number[] = [];
    for (let i = 0; i < reps; i++) {
        let t = now();
        snapshot = await realRun();
        real.push(now() - t);
        t = now();
        await emptyRun();
        empty.push(now() - t);
    }
    const realS = summarize(real);
    const emptyS = summarize(empty);
    return {
        real: realS,
        empty: emptyS,
        ratio: realS.median / emptyS.median,
        resources: snapshot.deployment.resources.length,
        snapshot,
    };
}
