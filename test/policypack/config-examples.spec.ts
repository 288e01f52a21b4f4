// The example policy configs in policypack/config/, validated and applied by the offline engine
// exactly as `pulumi preview --policy-pack-config` reconciles them (schema defaults < `all` <
// per-policy, JSON-schema validated), and — when the real Pulumi CLI is built — by
// `pulumi policy analyze --file … --policy-pack-config …` too.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { check } from "../../cli/check";
import type { CheckResult } from "../../cli/report/model";
import { loadPolicyPackConfig, unknownPolicyNames } from "../../cli/config";
import { AnalyzerHost } from "../../cli/host";
import { analyzeWithPulumi, locatePulumi, tempDir } from "../engine/engines";
import { checkOffline } from "./offline";

const ROOT = path.resolve(__dirname, "..", "..");
const CONFIG_DIR = path.join(ROOT, "policypack", "config");
const PROD = path.join(ROOT, "test", "engine", "fixtures", "export-crm-erp-sync-prod.json");
const EXAMPLES = fs
    .readdirSync(CONFIG_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
const example = (name: string) => path.join(CONFIG_DIR, name);

type Row = string;
/** `level policy name`, the unit these tests compare. */
function rows(r: CheckResult): Row[] {
    return r.report.violations.map((v) => `${v.level} ${v.policy} ${v.name}`);
}
const strip = (row: Row) => row.replace(/^(mandatory|advisory) /, "");

describe("policy config examples (policypack/config)", function () {
    this.timeout(180_000);

    let defaults: CheckResult;

    before(async () => {
        defaults = await check({ state: PROD });
    });

    it("ship the three documented examples", () => {
        assert.deepEqual(EXAMPLES, ["advisory-rollout.json", "exemptions.json", "strict.json"]);
    });

    it("each name only policies of the pack and pass the engine's config validation", async () => {
        const host = await AnalyzerHost.start(path.join(ROOT, "policypack"), {
            stack: "prod",
            project: "crm-erp-sync",
            dryRun: false,
        });
        try {
            const info = await host.getAnalyzerInfo();
            for (const file of EXAMPLES) {
                const config = loadPolicyPackConfig(example(file));
                assert.deepEqual(
                    unknownPolicyNames(info.policies, config),
                    [],
                    `${file} names policies the pack does not have`,
                );
            }
        } finally {
            await host.close();
        }
        // The full reconciliation (and its validation) runs inside each check below.
    });

    describe("with no config", () => {
        it("uses each rule file's own enforcement level", () => {
            assert.ok(
                rows(defaults).includes(
                    "mandatory aws-sqs-queue-enable-kms-encryption legacy-batch",
                ),
            );
            assert.ok(
                rows(defaults).includes(
                    "advisory aws-sqs-queue-configure-dead-letter-queue legacy-batch",
                ),
            );
        });
    });

    describe("advisory-rollout.json (phase 1)", () => {
        it("reports the same findings as the defaults, every one advisory", async () => {
            const r = await check({ state: PROD, policyConfig: example("advisory-rollout.json") });
            assert.deepEqual(rows(r).map(strip), rows(defaults).map(strip));
            assert.equal(r.report.summary.mandatory, 0);
            assert.equal(r.report.summary.advisory, defaults.report.violations.length);
        });
    });

    describe("strict.json (production)", () => {
        let strict: CheckResult;

        before(async () => {
            strict = await check({ state: PROD, policyConfig: example("strict.json") });
        });

        it("makes every finding mandatory except the heuristic high-entropy rule", () => {
            assert.ok(strict.report.violations.length >= defaults.report.violations.length);
            const advisory = strict.report.violations
                .filter((v) => v.level === "advisory")
                .map((v) => v.policy);
            assert.deepEqual(
                [...new Set(advisory)].filter(
                    (p) => p !== "kubernetes-core-container-disallow-high-entropy-env",
                ),
                [],
            );
            assert.ok(
                rows(strict).includes(
                    "mandatory aws-sqs-queue-configure-dead-letter-queue legacy-batch",
                ),
            );
        });

        it("keeps the compliant crm-erp-sync stack free of violations", async () => {
            const r = await check({
                stack: "crm-erp-sync",
                program: ROOT,
                policyConfig: example("strict.json"),
            });
            assert.deepEqual(rows(r), []);
        });
    });

    describe("exemptions.json", () => {
        it("turns the exempted findings into advisory notices until they expire, and leaves the rest mandatory", async () => {
            const r = await check({ state: PROD, policyConfig: example("exemptions.json") });
            const today = new Date().toISOString().slice(0, 10);
            const active = today <= "2027-02-15";
            const level = active ? "advisory" : "mandatory";
            assert.ok(
                rows(r).includes(`${level} aws-sqs-queue-enable-kms-encryption legacy-batch`),
                rows(r).join("\n"),
            );
            assert.ok(
                rows(r).includes(`${level} aws-sqs-queue-configure-dead-letter-queue legacy-batch`),
            );
            assert.ok(
                rows(r).includes("mandatory aws-sqs-queue-enable-kms-encryption shared-inbound"),
            );
            assert.ok(
                rows(r).includes(
                    "mandatory aws-sqs-queue-configure-dead-letter-queue shared-inbound",
                ),
            );
            const notice = r.report.violations.find(
                (v) =>
                    v.policy === "aws-sqs-queue-enable-kms-encryption" && v.name === "legacy-batch",
            )!;
            assert.match(
                notice.message,
                active
                    ? /\[Exempted until 2027-02-15, approved by "dpo@example\.com": /
                    : /expired on 2027-02-15/,
            );
        });
    });

    describe("reconciliation", () => {
        const queue = [{ type: "aws:sqs/queue:Queue", name: "q", inputs: { name: "q" } }];
        const levels = (r: CheckResult) =>
            Object.fromEntries(
                r.report.violations.filter((v) => v.name === "q").map((v) => [v.policy, v.level]),
            );

        it("lets a per-rule level override `all`", async () => {
            const r = await checkOffline(queue, {
                all: "advisory",
                "aws-sqs-queue-enable-kms-encryption": "mandatory",
            });
            assert.equal(levels(r)["aws-sqs-queue-enable-kms-encryption"], "mandatory");
            assert.equal(levels(r)["aws-sqs-queue-configure-dead-letter-queue"], "advisory");
        });

        it("applies per-rule properties on top of the schema defaults", async () => {
            const r = await checkOffline(
                [
                    {
                        type: "aws:sqs/queue:Queue",
                        name: "q",
                        inputs: { name: "q", sqsManagedSseEnabled: true },
                    },
                ],
                { "aws-sqs-queue-enable-kms-encryption": { allowSqsManagedSse: true } },
            );
            assert.equal(levels(r)["aws-sqs-queue-enable-kms-encryption"], undefined);
        });

        it("disables a rule", async () => {
            const r = await checkOffline(queue, {
                "aws-sqs-queue-enable-kms-encryption": "disabled",
            });
            assert.equal(levels(r)["aws-sqs-queue-enable-kms-encryption"], undefined);
        });

        it("refuses an unknown enforcement level and a wrongly typed property (exit 2)", async () => {
            await assert.rejects(
                checkOffline(queue, { all: "strict" }),
                /"all" has enforcement level "strict"/,
            );
            await assert.rejects(
                checkOffline(queue, {
                    "aws-sqs-queue-enable-kms-encryption": { allowSqsManagedSse: "yes" },
                }),
                /aws-sqs-queue-enable-kms-encryption: allowSqsManagedSse: must be boolean/,
            );
        });

        it("reports a misspelt property as the pack's own mandatory violation, naming it, as `pulumi preview` does", async () => {
            const out = await checkOffline(queue, {
                "aws-sqs-queue-enable-kms-encryption": { allowSqsManagedSSE: true },
            });
            const typo = out.report.violations.filter((v) =>
                /sets "allowSqsManagedSSE", which this policy does not have/.test(v.message),
            );
            assert.deepEqual(
                typo.map((v) => [v.policy, v.level]),
                [["aws-sqs-queue-enable-kms-encryption", "mandatory"]],
            );
        });
    });

    describe("in the real Pulumi engine", () => {
        const pulumi = locatePulumi();
        for (const file of EXAMPLES) {
            it(`${file}: \`pulumi policy analyze --policy-pack-config\` accepts it and agrees with the offline engine`, async function () {
                if (!pulumi.bin) {
                    this.skip();
                }
                const work = tempDir("gdpr-guard-config-example-");
                try {
                    const real = analyzeWithPulumi(pulumi.bin!, PROD, example(file), work, {
                        PULUMI_CONFIG_PASSPHRASE: "gdpr-guard-fixture",
                    });
                    assert.equal(real.error, undefined, real.stderr);
                    const offline = await check({ state: PROD, policyConfig: example(file) });
                    const key = (policy: string, urn: string, level: string) =>
                        `${level} ${policy} ${urn}`;
                    assert.deepEqual(
                        real.findings.map((f) => key(f.policy, f.urn, f.level)).sort(),
                        offline.report.violations.map((v) => key(v.policy, v.urn, v.level)).sort(),
                    );
                } finally {
                    fs.rmSync(work, { recursive: true, force: true });
                }
            });
        }
    });
});
