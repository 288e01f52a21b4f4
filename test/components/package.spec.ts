// The package is importable by consumers: `npm pack` yields compiled JS and `.d.ts` (no TypeScript
// sources, no ts-node needed), and a temporary project that installs the tarball builds a
// SecureSyncJob under mocks with plain `node` and type-checks against the shipped declarations.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
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
import { runConsumer, typecheckConsumer } from "./consumer";

const ROOT = path.resolve(__dirname, "../..");

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
        const manifest = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
        const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
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
        runConsumer(dir);
    });

    it("type-checks a TypeScript consumer against the shipped declarations", () => {
        typecheckConsumer(dir, ROOT);
    });
});
