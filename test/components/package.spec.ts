// The package is importable by consumers: `npm pack` yields compiled JS and `.d.ts` (no TypeScript
// sources, no ts-node needed), and a temporary project that installs the tarball builds a
// SecureSyncJob under mocks with plain `node` and type-checks against the shipped declarations.
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
    existsSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    rmSync,
    symlinkSync,
    writeFileSync,
} from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

const CONSUMER_JS = `
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

const CONSUMER_TS = `
import { SecureSyncJob, type SecureSyncJobArgs } from "gdpr-guard";
const args: SecureSyncJobArgs = { dataOwner: "o", dataCategory: "c", schedule: "0 2 * * *", image: "i:1", chunkSize: 100 };
export const job: typeof SecureSyncJob = SecureSyncJob;
export const a = args;
`;

describe("the gdpr-guard package", function () {
    this.timeout(180000);
    let dir = "";
    let tarball = "";

    before(function () {
        if (!existsSync(path.join(ROOT, "dist/components/index.js"))) {
            this.skip();
        }
        dir = mkdtempSync(path.join(os.tmpdir(), "gdpr-guard-consumer-"));
        const out = execFileSync(
            "npm",
            ["pack", "--ignore-scripts", "--json", "--pack-destination", dir],
            { cwd: ROOT, encoding: "utf8" },
        );
        tarball = path.join(dir, JSON.parse(out)[0].filename);
        // Install: unpack into node_modules; the package's dependencies come from this checkout's
        // node_modules (linked), so the test needs no registry.
        const pkgDir = path.join(dir, "node_modules", "gdpr-guard");
        mkdirSync(pkgDir, { recursive: true });
        execFileSync("tar", ["xzf", tarball, "--strip-components=1", "-C", pkgDir]);
        const deps = Object.keys(
            JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")).dependencies ?? {},
        );
        for (const dep of [...deps, "@types/node"]) {
            const target = path.join(dir, "node_modules", dep);
            mkdirSync(path.dirname(target), { recursive: true });
            symlinkSync(path.join(ROOT, "node_modules", dep), target, "dir");
        }
        writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({
                name: "consumer",
                private: true,
                dependencies: { "gdpr-guard": `file:${path.basename(tarball)}` },
            }),
        );
    });

    after(() => {
        if (dir) {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("ships compiled JavaScript and declarations, and no TypeScript sources", () => {
        const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" })
            .split("\n")
            .filter(Boolean);
        for (const f of [
            "package/dist/components/index.js",
            "package/dist/components/index.d.ts",
            "package/dist/components/secureSyncJob.js",
            "package/package.json",
        ]) {
            assert.ok(files.includes(f), `${f} missing from the tarball`);
        }
        assert.deepEqual(
            files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")),
            [],
        );
    });

    it("builds a SecureSyncJob in a consumer project with plain node under mocks", () => {
        writeFileSync(path.join(dir, "index.js"), CONSUMER_JS);
        const run = spawnSync(process.execPath, ["index.js"], {
            cwd: dir,
            encoding: "utf8",
            timeout: 120000,
        });
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
    });

    it("type-checks a TypeScript consumer against the shipped declarations", () => {
        writeFileSync(path.join(dir, "consumer.ts"), CONSUMER_TS);
        writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({
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
            }),
        );
        const run = spawnSync(
            process.execPath,
            [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir],
            { cwd: dir, encoding: "utf8" },
        );
        assert.equal(run.status, 0, run.stdout + run.stderr);
    });
});
