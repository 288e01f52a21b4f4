// Property-based tests of the offline engine: generated state files and policy config, valid and
// not. Valid input ends in a verdict (exit 0 or 1) within the deadline, the same report every time,
// and no planted credential in any output; invalid input is one line and exit 2.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import fc from "fast-check";
import { loadPolicyPackConfig, reconcilePolicyPackConfig } from "../../cli/config";
import { UsageError } from "../../cli/errors";
import { configProblems } from "../../policypack/lib/exemptions";
import { AnalyzerHost } from "../../cli/host";
import type { AnalyzerInfo } from "../../cli/proto";
import { readSnapshot } from "../../cli/snapshot";
import { OUTPUT_VALUE_SIG, RESOURCE_REF_SIG, SECRET_SIG, SIG_KEY, UNKNOWN } from "../../cli/wire";
import { familySnapshots, fuzzParams, oddValue, plantedToken } from "../fuzz";

const ROOT = path.join(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "cli", "main.js");
const validateReport = new Ajv().compile(
    JSON.parse(fs.readFileSync(path.join(ROOT, "docs", "report.schema.json"), "utf8")),
);

const TYPES = [
    ...new Set(familySnapshots().flatMap((s) => s.deployment.resources.map((r) => r.type))),
    "acme:index:Unknown",
    "aws:newservice/thing:Thing",
];
const URN = (type: string, name: string) => `urn:pulumi:fuzz::fuzz::${type}::${name}`;

/** Values only the wire form has: references, output values, secrets in three shapes, unknowns. */
const wireValue = (token: string) =>
    fc.oneof(
        oddValue,
        fc.constant(UNKNOWN),
        fc.constant({ [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(token) }),
        fc.constant({ [SIG_KEY]: SECRET_SIG, ciphertext: "v1:AAAA:BBBB" }),
        fc.constant({ [SIG_KEY]: SECRET_SIG, value: token }),
        fc.constant({ [SIG_KEY]: RESOURCE_REF_SIG, urn: URN("aws:iam/role:Role", "r0"), id: "r0" }),
        fc.constant({ [SIG_KEY]: RESOURCE_REF_SIG, urn: URN("acme:index:Group", "g0") }),
        fc.constant({ [SIG_KEY]: OUTPUT_VALUE_SIG, value: "v", secret: true }),
        fc.constant({ [SIG_KEY]: "c44067f5952c0a294b673a41bacd8c17", text: "asset" }),
    );

/**
 * A valid deployment: random types and property trees, odd links — dangling parents and
 * providers, duplicate URNs (names repeat), a resource that depends on itself.
 */
function deployment(token: string) {
    const resource = fc.record({
        type: fc.constantFrom(...TYPES),
        name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
        inputs: fc.dictionary(fc.string({ maxLength: 12 }), wireValue(token), { maxKeys: 6 }),
        parent: fc.option(fc.constantFrom(URN("acme:index:Group", "g0"), URN("x:y:Z", "gone"))),
        dependsOnSelf: fc.boolean(),
        provider: fc.option(
            fc.constantFrom(
                "urn:pulumi:fuzz::fuzz::pulumi:providers:aws::gone::00000000-0000-4000-8000-000000000000",
                "not-a-provider-reference",
            ),
        ),
    });
    return fc.array(resource, { minLength: 1, maxLength: 12 }).map((rs) => ({
        version: 3,
        deployment: {
            manifest: { time: "2026-12-01T00:00:00Z", magic: "", version: "fuzz" },
            resources: rs.map((r) => {
                const urn = URN(r.type, r.name);
                return {
                    urn,
                    custom: !r.type.startsWith("acme:"),
                    id: r.name,
                    type: r.type,
                    inputs: r.inputs,
                    outputs: r.inputs,
                    ...(r.parent ? { parent: r.parent } : {}),
                    dependencies: r.dependsOnSelf ? [urn] : [],
                    ...(r.provider ? { provider: r.provider } : {}),
                };
            }),
        },
    }));
}

function gdprGuard(args: string[]) {
    const r = spawnSync(process.execPath, [CLI, ...args], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
        timeout: 120_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the offline engine on generated input (property-based)", function () {
    this.timeout(900_000);
    let tmp: string;

    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gdpr-guard-fuzz-"));
    });

    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("gives a valid state a verdict, the same report twice, and prints no planted credential", () => {
        fc.assert(
            fc.property(
                plantedToken.chain((token) => fc.tuple(fc.constant(token), deployment(token))),
                ([token, snapshot]) => {
                    const file = path.join(tmp, "state.json");
                    fs.writeFileSync(file, JSON.stringify(snapshot));
                    const args = ["check", "--state", file, "--timeout", "90"];
                    const [json, again, text, sarif] = [
                        gdprGuard([...args, "--format", "json"]),
                        gdprGuard([...args, "--format", "json"]),
                        gdprGuard([...args, "--format", "text"]),
                        gdprGuard([...args, "--format", "sarif"]),
                    ];
                    for (const r of [json, text, sarif]) {
                        assert.ok(
                            r.status === 0 || r.status === 1,
                            `a verdict: ${r.status} ${r.stderr}`,
                        );
                        assert.ok(
                            !`${r.stdout}${r.stderr}`.includes(token),
                            "the planted credential was printed",
                        );
                    }
                    const report = JSON.parse(json.stdout);
                    assert.ok(validateReport(report), JSON.stringify(validateReport.errors));
                    assert.equal(again.stdout, json.stdout, "the same input gives the same report");
                },
            ),
            fuzzParams(2),
        );
    });

    it("refuses a broken state file with one UsageError, whatever is broken", () => {
        const valid = JSON.stringify(familySnapshots()[0]);
        const broken = fc.oneof(
            fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)),
            oddValue.map((v) => JSON.stringify(v) ?? ""),
            fc
                .integer({ min: -5, max: 10 })
                .filter((v) => v !== 3)
                .map((version) => JSON.stringify({ version, deployment: { resources: [] } })),
            oddValue.map((resources) => JSON.stringify({ version: 3, deployment: { resources } })),
            oddValue.map((r) => JSON.stringify({ version: 3, deployment: { resources: [r] } })),
        );
        fc.assert(
            fc.property(broken, (text) => {
                const file = path.join(tmp, "broken.json");
                fs.writeFileSync(file, text);
                try {
                    const s = readSnapshot(file);
                    // Some generated texts are valid after all: they must then be whole deployments.
                    assert.ok(Array.isArray(s.deployment.resources));
                } catch (e) {
                    assert.ok(e instanceof UsageError, `not a UsageError: ${(e as Error).stack}`);
                    assert.equal((e as Error).message.split("\n").length, 1);
                }
            }),
            fuzzParams(300),
        );
    });

    it("refuses a 100 MB file that is not a deployment in one line, quickly", () => {
        const file = path.join(tmp, "huge.json");
        const chunk = `{"version": 3, "deployment": {"resources": [${'{"urn": "x"},'.repeat(1000)}`;
        const fd = fs.openSync(file, "w");
        for (let written = 0; written < 100 * 1024 * 1024; written += chunk.length) {
            fs.writeSync(fd, chunk);
        }
        fs.closeSync(fd);
        const t = Date.now();
        const r = gdprGuard(["check", "--state", file, "--timeout", "60"]);
        assert.equal(r.status, 2, r.stderr);
        assert.equal(r.stdout, "");
        assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
        assert.match(r.stderr, /^gdpr-guard: .*huge\.json/);
        assert.ok(Date.now() - t < 60_000);
        fs.rmSync(file);
    });

    describe("policy config", () => {
        let host: AnalyzerHost;
        let info: AnalyzerInfo;

        before(async () => {
            host = await AnalyzerHost.start(path.join(ROOT, "policypack"), {
                stack: "fuzz",
                project: "fuzz",
                dryRun: false,
            });
            info = await host.getAnalyzerInfo();
        });

        after(async () => host?.close());

        it("reconciles any config file to a config, or refuses it with one UsageError", () => {
            const names = [...info.policies.map((p) => p.name), "all", "no-such-rule"];
            const props = info.policies.flatMap((p) =>
                Object.keys(p.configSchema?.properties ?? {}),
            );
            // Exemptions with odd dates (impossible, far, past, other formats) and odd globs.
            const exemption = fc.record(
                {
                    policy: fc.option(fc.constantFrom(...names)),
                    resource: fc.oneof(
                        fc.constantFrom(
                            "urn:pulumi:*::*::aws:sqs/queue:Queue::*",
                            "**",
                            "[",
                            "{a,b",
                            "",
                        ),
                        fc.string(),
                    ),
                    reason: fc.oneof(fc.constant("migrating"), fc.string()),
                    approvedBy: fc.oneof(fc.constant("DPO-123"), fc.string()),
                    expires: fc.oneof(
                        fc.constantFrom(
                            "2026-02-30",
                            "2026-13-01",
                            "9999-12-31",
                            "1970-01-01",
                            "2026-12-1",
                            "tomorrow",
                        ),
                        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
                        oddValue,
                    ),
                },
                { requiredKeys: [] },
            );
            const entry = fc.oneof(
                fc.constantFrom("advisory", "mandatory", "remediate", "disabled", "loud"),
                oddValue,
                fc.record({
                    enforcementLevel: fc.constantFrom("advisory", "mandatory", "off"),
                    [fc.sample(fc.constantFrom(...props), { numRuns: 1, seed: 1 })[0]]: oddValue,
                }),
                fc.dictionary(
                    fc.constantFrom(...props, "exemptions", "enforcementLevel"),
                    oddValue,
                    { maxKeys: 3 },
                ),
                fc.record({ exemptions: fc.array(exemption, { maxLength: 3 }) }),
            );
            fc.assert(
                fc.property(
                    fc.dictionary(fc.constantFrom(...names), entry, { maxKeys: 4 }),
                    (cfg) => {
                        const file = path.join(tmp, "config.json");
                        fs.writeFileSync(file, JSON.stringify(cfg));
                        try {
                            const config = reconcilePolicyPackConfig(
                                info.policies,
                                info.initialConfig,
                                loadPolicyPackConfig(file),
                            );
                            // What JSON schema cannot say, as check does for this pack.
                            for (const p of info.policies) {
                                configProblems(
                                    p.name,
                                    p.configSchema as any,
                                    (config[p.name]?.properties ?? {}) as any,
                                    "2026-12-01",
                                ).forEach((problem) => assert.equal(typeof problem, "string"));
                            }
                        } catch (e) {
                            assert.ok(
                                e instanceof UsageError,
                                `not a UsageError: ${(e as Error).stack}`,
                            );
                        }
                    },
                ),
                fuzzParams(60),
            );
        });
    });
});
