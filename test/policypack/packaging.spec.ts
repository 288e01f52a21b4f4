// `pulumi policy publish` packs the policypack folder with `npm pack`: the tarball must hold the
// compiled pack and nothing else, declare every package the pack loads at run time, and start
// from wherever it is unpacked.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { check } from "../../cli/check";
import { tempDir } from "./offline";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK = path.join(ROOT, "policypack");
const PROD = path.join(ROOT, "test", "engine", "fixtures", "export-crm-erp-sync-prod.json");

function walk(dir: string, ext: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? walk(p, ext) : p.endsWith(ext) ? [p] : [];
    });
}

describe("the packed policy pack", function () {
    this.timeout(180_000);

    let work: string;
    let tarball: string;
    let files: string[];
    let unpacked: string;

    before(() => {
        work = tempDir("pack");
        const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
            cwd: PACK,
            encoding: "utf8",
        });
        const [info] = JSON.parse(out);
        tarball = path.join(work, info.filename);
        files = (info.files as { path: string }[]).map((f) => f.path).sort();
        execFileSync("tar", ["-xzf", tarball, "-C", work]);
        unpacked = path.join(work, "package");
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(unpacked, "node_modules"), "dir");
    });

    after(() => {
        if (work) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("holds only the compiled pack, its data, its manifest, example configs and README", () => {
        const unexpected = files.filter(
            (f) =>
                !/^bin\/.+\.js$/.test(f) &&
                f !== "bin/lib/secrets/formats.generated.json" &&
                !/^config\/[^/]+\.json$/.test(f) &&
                !["PulumiPolicy.yaml", "package.json", "README.md"].includes(f),
        );
        assert.deepEqual(unexpected, []);
        assert.ok(files.includes("bin/index.js"));
        assert.ok(files.includes("PulumiPolicy.yaml"));
        assert.ok(files.includes("bin/lib/secrets/formats.generated.json"));
        assert.equal(files.filter((f) => f.endsWith(".ts") || f.endsWith(".map")).length, 0);
    });

    it("holds one compiled file per source file: nothing stale, nothing missing", () => {
        const sources = walk(PACK, ".ts")
            .filter(
                (f) =>
                    !f.startsWith(path.join(PACK, "bin")) &&
                    !f.startsWith(path.join(PACK, "node_modules")) &&
                    !f.endsWith(".d.ts"),
            )
            .map((f) => `bin/${path.relative(PACK, f).replace(/\.ts$/, ".js")}`)
            .sort();
        assert.deepEqual(
            files.filter((f) => f.startsWith("bin/") && f.endsWith(".js")),
            sources,
        );
    });

    it("declares every package the compiled pack loads", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, "package.json"), "utf8"));
        const declared = new Set(Object.keys(pkg.dependencies));
        const used = new Set<string>();
        for (const f of walk(path.join(unpacked, "bin"), ".js")) {
            const src = fs.readFileSync(f, "utf8");
            for (const m of src.matchAll(/(?:require|import)\(\s*["']([^."'][^"']*)["']\s*\)/g)) {
                const spec = m[1];
                if (spec.startsWith("node:")) continue;
                used.add(
                    spec.startsWith("@")
                        ? spec.split("/").slice(0, 2).join("/")
                        : spec.split("/")[0],
                );
            }
        }
        assert.deepEqual([...used].filter((u) => !declared.has(u)).sort(), []);
        assert.ok(declared.has("@pulumi/policy") && declared.has("@pulumi/pulumi"));
        for (const sdk of ["@pulumi/aws", "@pulumi/kubernetes", "@pulumi/vault"]) {
            assert.ok(!used.has(sdk), `the pack loads ${sdk} at run time`);
        }
    });

    it("carries the same version, a description and links in PulumiPolicy.yaml and package.json", () => {
        const manifest = parseYaml(
            fs.readFileSync(path.join(unpacked, "PulumiPolicy.yaml"), "utf8"),
        );
        const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, "package.json"), "utf8"));
        assert.equal(manifest.runtime, "nodejs");
        assert.equal(manifest.version, pkg.version);
        assert.match(manifest.description, /docs\/policies\.md/);
        assert.match(manifest.description, /docs\/rollout\.md/);
        assert.match(manifest.website, /^https:\/\//);
        assert.equal(pkg.main, "bin/index.js");
    });

    it("starts from the unpacked tarball in the offline engine and finds violations", async () => {
        const r = await check({ state: PROD, policyPack: unpacked });
        const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, "package.json"), "utf8"));
        assert.deepEqual(r.report.pack, { name: "gdpr-guard", version: pkg.version });
        assert.ok(r.report.summary.mandatory > 0);
        assert.ok(
            r.report.violations.some((v) => v.policy === "aws-sqs-queue-enable-kms-encryption"),
        );
        assert.ok(
            r.info.policies.every((p) => p.configSchema?.properties.exemptions),
            "every rule takes exemptions",
        );
    });
});
