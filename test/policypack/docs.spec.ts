import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { generate, ROOT } from "../../scripts/gen-docs";

describe("generated docs", () => {
    for (const { file, content } of generate()) {
        const rel = path.relative(ROOT, file);
        it(`${rel} is current with the rules' metadata (else run \`npm run docs\`)`, () => {
            assert.ok(fs.existsSync(file), `${rel} does not exist; run \`npm run docs\``);
            // Compared line by line so a failure shows the first stale line, not two huge strings.
            const current = fs.readFileSync(file, "utf8").split("\n");
            const expected = content.split("\n");
            const i = expected.findIndex((line, n) => current[n] !== line);
            assert.equal(
                i === -1 && current.length === expected.length,
                true,
                `${rel} is stale at line ${i + 1}: expected ${JSON.stringify(expected[i])}, found ${JSON.stringify(current[i])}`,
            );
        });
    }

    it("docs/rollout.md covers local use, CI, Pulumi Cloud, the phases and exemptions", () => {
        const text = fs.readFileSync(path.join(ROOT, "docs", "rollout.md"), "utf8");
        for (const needle of [
            "--policy-pack-config",
            "gdpr-guard check",
            "pulumi policy analyze --file",
            "pulumi policy publish",
            "pulumi policy enable",
            "--policy-group",
            "advisory-rollout.json",
            "strict.json",
            "exemptions",
            "approvedBy",
        ]) {
            assert.ok(text.includes(needle), `docs/rollout.md does not mention ${needle}`);
        }
    });
});
