// The consumer program both package tests run: a SecureSyncJob built with plain node under mocks,
// and a TypeScript file type-checked against the shipped declarations.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { writeFileSync } from "node:fs";

export const CONSUMER_JS = `
const pulumi = require("@pulumi/pulumi");
const seen = [];
pulumi.runtime.setMocks({
    newResource: (a) => {
        seen.push({ type: a.type, name: a.name, inputs: a.inputs });
        const n = a.inputs.name || a.name;
        const extra = a.type === "aws:sqs/queue:Queue"
            ? { arn: "arn:aws:sqs:eu-west-1:111122223333:" + n, url: "https://sqs.eu-west-1.amazonaws.com/111122223333/" + n }
            : a.type === "aws:iam/role:Role" ? { arn: "arn:aws:iam::111122223333:role/" + n } : {};
        return { id: a.name + "-id", state: Object.assign({}, a.inputs, extra) };
    },
    call: (a) => (a.token === "aws:index/getCallerIdentity:getCallerIdentity" ? { accountId: "111122223333" } : a.inputs),
}, "consumer", "test", false);
const gg = require("gdpr-guard");
const queue = new gg.EncryptedQueue("events", { accountId: "111122223333", region: "eu-west-1" });
new gg.SecureSyncJob("sync", {
    dataOwner: "sales-operations",
    dataCategory: "customer-contact",
    schedule: "0 2 * * *",
    image: "registry.example.com/sync:1.0.0",
    aws: { oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", endpointCidrs: ["10.0.128.0/24"] },
    produces: { events: queue },
});
let refused = "";
try { new gg.LeastPrivilegeRole("bad", { oidcProviderArn: "x", namespace: "a", serviceAccount: "b", grants: [] }); } catch (e) { refused = e.message; }
setTimeout(() => {
    const cron = seen.find((s) => s.type === "kubernetes:batch/v1:CronJob");
    console.log(JSON.stringify({ resolved: require.resolve("gdpr-guard"), types: seen.map((s) => s.type), concurrencyPolicy: cron && cron.inputs.spec.concurrencyPolicy, refused }));
}, 2000);
`;

export const CONSUMER_TS = `
import { SecureSyncJob, type SecureSyncJobArgs } from "gdpr-guard";
const args: SecureSyncJobArgs = { dataOwner: "o", dataCategory: "c", schedule: "0 2 * * *", image: "i:1", chunkSize: 100 };
export const job: typeof SecureSyncJob = SecureSyncJob;
export const a = args;
`;

/** The consumer's tsconfig: strict, node16 modules, its own @types/node. */
export function consumerTsconfig(): string {
    return JSON.stringify({
        compilerOptions: {
            strict: true,
            module: "node16",
            moduleResolution: "node16",
            target: "ES2022",
            noEmit: true,
            skipLibCheck: true,
            types: ["node"],
        },
        files: ["consumer.ts"],
    });
}

/** Asserts what CONSUMER_JS printed: gdpr-guard resolved in `dir`, every child, one refusal. */
export function readConsumerResult(run: SpawnSyncReturns<string>, dir: string): void {
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split("\n").pop()!);
    assert.equal(
        result.resolved,
        path.join(dir, "node_modules", "gdpr-guard", "dist", "components", "index.js"),
    );
    for (const t of [
        "gdpr-guard:sync:SecureSyncJob",
        "gdpr-guard:queue:EncryptedQueue",
        "gdpr-guard:iam:LeastPrivilegeRole",
        "gdpr-guard:mesh:MeshNamespace",
        "kubernetes:batch/v1:CronJob",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "aws:sqs/queue:Queue",
    ]) {
        assert.ok(result.types.includes(t), `${t} was not registered`);
    }
    assert.equal(result.concurrencyPolicy, "Forbid");
    assert.match(result.refused, /^LeastPrivilegeRole "bad": argument `oidcProviderArn`/);
}

/** Runs CONSUMER_JS with this Node.js in the consumer project `dir` and checks what it built. */
export function runConsumer(dir: string): void {
    writeFileSync(path.join(dir, "index.js"), CONSUMER_JS);
    const run = spawnSync(process.execPath, ["index.js"], {
        cwd: dir,
        encoding: "utf8",
        timeout: 120000,
    });
    readConsumerResult(run, dir);
}

/** Type-checks CONSUMER_TS in `dir` against the declarations installed there, with our tsc. */
export function typecheckConsumer(dir: string, root: string): void {
    writeFileSync(path.join(dir, "consumer.ts"), CONSUMER_TS);
    writeFileSync(path.join(dir, "tsconfig.json"), consumerTsconfig());
    const run = spawnSync(
        process.execPath,
        [path.join(root, "node_modules/typescript/bin/tsc"), "-p", dir],
        { cwd: dir, encoding: "utf8" },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
}
