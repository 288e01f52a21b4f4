import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { collectRules, POLICIES_MD, ROOT, specFileOf } from "../../scripts/docs/catalogue";
import {
    EXAMPLE_STACK,
    exampleViolations,
    generate,
    GENERATED,
    type Examples,
} from "../../scripts/gen-docs";

describe("generated docs", function () {
    // The generator runs the offline engine once on the example stack (about 10 s); the files are
    // generated once per test run, by the same code path as `npm run docs`.
    let generated: Map<string, string>;
    let examples: Examples;

    before(async function () {
        this.timeout(180_000);
        examples = await exampleViolations();
        generated = new Map(generate(examples).map(({ file, content }) => [file, content]));
    });

    for (const file of GENERATED) {
        const rel = path.relative(ROOT, file);
        it(`${rel} is current with the rules' metadata (else run \`npm run build && npm run docs\`)`, () => {
            assert.ok(fs.existsSync(file), `${rel} does not exist; run \`npm run docs\``);
            const content = generated.get(file);
            assert.ok(content !== undefined, `the generator does not write ${rel}`);
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

    it(`gives every rule its rationale and either its first violation on ${EXAMPLE_STACK} or a link to its spec`, () => {
        const text = generated.get(POLICIES_MD)!;
        const problems: string[] = [];
        for (const { policy, file } of collectRules()) {
            const start = text.indexOf(`\n### ${policy.name}\n`);
            const end = text.indexOf("\n### ", start + 1);
            const entry = text.slice(start, end === -1 ? undefined : end);
            if (!entry.includes("\n**Rationale:** ")) {
                problems.push(`${policy.name}: no rationale`);
            }
            const example = examples.get(policy.name);
            const shown = example
                ? entry.includes(`**Example violation** on \`${example.type}\``)
                : entry.includes(`(../${specFileOf(file)})`);
            if (!shown) {
                problems.push(`${policy.name}: no example violation or spec link`);
            }
        }
        assert.deepEqual(problems, []);
    });

    it(`finds examples on ${EXAMPLE_STACK} for most rules (the stack breaks every family)`, () => {
        assert.ok(examples.size >= 70, `only ${examples.size} rules fire on ${EXAMPLE_STACK}`);
    });

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
