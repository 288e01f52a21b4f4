// The package in a project on the newest SDKs, installed the way a consumer installs it: `npm
// install` of the packed tarball, its peer dependencies resolved to the project's own copies.
// One @pulumi/pulumi in the tree, a SecureSyncJob built under mocks, the shipped .d.ts
// type-checked. It needs the npm registry and a Node.js the newest SDK supports (>= 22), so it
// runs in .ci/run's newest column (GDPR_GUARD_CONSUMER_NEWEST=1); elsewhere it is reported as
// skipped with that reason.
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runConsumer, typecheckConsumer } from "./consumer";

const ROOT = path.resolve(__dirname, "../..");
const PEERS = Object.keys(
    JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).peerDependencies,
);

/** Every installed copy of `pkg` under `dir`: `<folder>@<version>`, found on disk. */
function copies(dir: string, pkg: string): string[] {
    const out: string[] = [];
    const walk = (modules: string): void => {
        if (!existsSync(modules)) {
            return;
        }
        const manifest = path.join(modules, pkg, "package.json");
        if (existsSync(manifest)) {
            const version = JSON.parse(readFileSync(manifest, "utf8")).version;
            out.push(`${path.relative(dir, path.join(modules, pkg))}@${version}`);
        }
        for (const entry of readdirSync(modules)) {
            const scoped = entry.startsWith("@")
                ? readdirSync(path.join(modules, entry)).map((e) => path.join(entry, e))
                : [entry];
            for (const name of scoped) {
                walk(path.join(modules, name, "node_modules"));
            }
        }
    };
    walk(path.join(dir, "node_modules"));
    return out;
}

describe("the gdpr-guard package in a project on the newest SDKs", function () {
    this.timeout(900_000);

    if (process.env.GDPR_GUARD_CONSUMER_NEWEST !== "1") {
        it("skipped: needs the npm registry and Node.js >= 22; .ci/run's newest column sets GDPR_GUARD_CONSUMER_NEWEST=1", function () {
            this.skip();
        });
        return;
    }

    let dir = "";
    const newest: Record<string, string> = {};

    before(function () {
        assert.ok(existsSync(path.join(ROOT, "dist/components/index.js")), "run npm run build");
        dir = mkdtempSync(path.join(os.tmpdir(), "gdpr-guard-newest-"));
        const packed = execFileSync(
            "npm",
            ["pack", "--ignore-scripts", "--json", "--pack-destination", dir],
            { cwd: ROOT, encoding: "utf8" },
        );
        const tarball = JSON.parse(packed)[0].filename;
        for (const pkg of PEERS) {
            newest[pkg] = execFileSync("npm", ["view", pkg, "version"], {
                encoding: "utf8",
            }).trim();
        }
        writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({
                name: "consumer-newest",
                private: true,
                dependencies: { "gdpr-guard": `file:${tarball}`, ...newest },
                // As Pulumi's TypeScript templates declare them. (Without its own typescript,
                // npm resolves ts-node's peer to TypeScript 7, which @pulumi/pulumi refuses.)
                devDependencies: { "@types/node": "^22", typescript: "^5" },
            }),
        );
        execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], {
            cwd: dir,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
        });
    });

    after(() => {
        if (dir) {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("runs on a Node.js the newest @pulumi/pulumi supports", () => {
        assert.ok(Number(process.versions.node.split(".")[0]) >= 22, process.version);
    });

    it("gives the project exactly one copy of each Pulumi SDK: its own, the newest", () => {
        for (const pkg of PEERS) {
            assert.deepEqual(copies(dir, pkg), [`node_modules/${pkg}@${newest[pkg]}`]);
        }
        // npm's own view agrees: every other mention of @pulumi/pulumi is deduped to that copy.
        const ls = spawnSync("npm", ["ls", "@pulumi/pulumi", "--all"], {
            cwd: dir,
            encoding: "utf8",
        });
        assert.equal(ls.status, 0, ls.stdout + ls.stderr);
        const lines = ls.stdout.split("\n").filter((l) => l.includes("@pulumi/pulumi@"));
        assert.deepEqual(
            lines.filter((l) => !l.includes("deduped")).map((l) => l.replace(/^[^@]*/, "")),
            [`@pulumi/pulumi@${newest["@pulumi/pulumi"]}`],
        );
        assert.ok(
            !existsSync(path.join(dir, "node_modules", "gdpr-guard", "node_modules", "@pulumi")),
            "gdpr-guard brought no Pulumi SDK of its own",
        );
    });

    it("builds a SecureSyncJob with the newest SDKs under mocks", () => {
        runConsumer(dir);
    });

    it("type-checks a TypeScript consumer against the shipped declarations", () => {
        typecheckConsumer(dir, ROOT);
    });
});
