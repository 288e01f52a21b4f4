import * as assert from "node:assert/strict";
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { reconcilePolicyPackConfig, type PolicyInfoForConfig } from "../../cli/config";
import {
    checkExemptions,
    configProblems,
    isIsoDate,
    matchesResource,
    withExemptions,
} from "../../policypack/lib/exemptions";
import { enableKmsEncryption } from "../../policypack/policies/encryption/aws/sqs/enableKmsEncryption";
import { checkResource, checkStack, unknown, urn } from "./harness";
import { checkOffline, daysFromToday, urnOf } from "./offline";

const TODAY = "2026-03-10";
const clock = { now: () => new Date(`${TODAY}T15:00:00Z`) };
const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_URN = urn(QUEUE, "legacy");
const PLAINTEXT = `SQS queue "legacy" is not encrypted with a KMS key, so queued personal data sits at rest in plaintext; set \`kmsMasterKeyId\` to a customer-managed key (EncryptedQueue does).`;
const REASON = "Drained and deleted by the Q2 migration (CHG-1042).";

interface Seen {
    level: string;
    message: string;
    urn?: string;
}

/** Violations as the server would record them: strings keep the rule's level, objects carry one. */
function seen(policy: Policy, violations: unknown[]): Seen[] {
    return violations.map((v) =>
        typeof v === "string"
            ? { level: policy.enforcementLevel ?? "advisory", message: v }
            : {
                  level: (v as any).enforcementLevel,
                  message: String((v as any).message).replace(`${policy.description}\n`, ""),
                  urn: (v as any).urn,
              },
    );
}

function exemption(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        resource: QUEUE_URN,
        reason: REASON,
        expires: "2026-04-30",
        approvedBy: "dpo@example.com",
        ...overrides,
    };
}

/** The SQS seed rule wrapped as the pack serves it, with a pinned clock. */
function sqsRule(): ResourceValidationPolicy {
    return withExemptions([enableKmsEncryption], clock)[0] as ResourceValidationPolicy;
}

async function checkQueue(
    config: Record<string, unknown>,
    props: Record<string, unknown> = { name: "legacy" },
    name = "legacy",
) {
    const policy = sqsRule();
    const out = await checkResource(policy, { type: QUEUE, name, props }, config);
    return seen(policy, out.violations);
}

describe("the wrapper every rule is served behind", () => {
    it("scrubs a credential in a known format from any message, and leaves other text alone", async () => {
        // Found by test/policypack/rules.fuzz.spec.ts: a rule quoting an RDS `engine` that held
        // a GitHub token. Rules name what they read; the wrapper makes sure that is never a secret.
        const quoting: ResourceValidationPolicy = {
            name: "test-thing-configure-quoting",
            description: "Quotes what it reads.",
            enforcementLevel: "mandatory",
            validateResource: (args, report) => report(`engine "${args.props.engine}" is odd.`),
        };
        const [wrapped] = withExemptions([quoting]) as ResourceValidationPolicy[];
        const token = "ghp_yNbX1jp3BU1YnKNGWA1Thk4z2VbOyR4mO1e6";
        const said = await checkResource(wrapped, { type: QUEUE, props: { engine: token } });
        assert.deepEqual(said.violations, ['engine "[redacted github-token]" is odd.']);
        const plain = await checkResource(wrapped, { type: QUEUE, props: { engine: "postgres" } });
        assert.deepEqual(plain.violations, ['engine "postgres" is odd.']);
    });
});

describe("exemptions", () => {
    describe("the shared config schema", () => {
        it("adds `exemptions` (default empty) and `exemptionMaxDays` (default 90) to every rule", () => {
            const [wrapped] = withExemptions([enableKmsEncryption]);
            const props = wrapped.configSchema!.properties;
            assert.deepEqual(props.exemptions.default, []);
            assert.equal(props.exemptionMaxDays.default, 90);
            assert.ok(props.allowSqsManagedSse, "the rule's own properties are kept");
        });

        it("does not change the rule it wraps", () => {
            withExemptions([enableKmsEncryption]);
            assert.equal(enableKmsEncryption.configSchema!.properties.exemptions, undefined);
        });

        const info = (): PolicyInfoForConfig[] => {
            const [wrapped] = withExemptions([enableKmsEncryption]);
            return [
                {
                    name: wrapped.name,
                    enforcementLevel: "mandatory",
                    configSchema: {
                        properties: wrapped.configSchema!.properties as any,
                        required: [],
                    },
                },
            ];
        };
        const validate = (exemptions: unknown[]) =>
            reconcilePolicyPackConfig(
                info(),
                {},
                { [enableKmsEncryption.name]: { properties: { exemptions } } },
            );

        it("accepts a complete exemption at config validation", () => {
            assert.doesNotThrow(() => validate([exemption({ policy: enableKmsEncryption.name })]));
        });

        for (const [field, why] of [
            ["reason", /reason is required/],
            ["expires", /expires is required/],
            ["approvedBy", /approvedBy is required/],
            ["resource", /resource is required/],
        ] as const) {
            it(`rejects an exemption without \`${field}\` at config validation`, () => {
                const e = exemption();
                delete e[field];
                assert.throws(() => validate([e]), why);
            });
        }

        it("rejects an exemption whose date is not written YYYY-MM-DD at config validation", () => {
            assert.throws(
                () => validate([exemption({ expires: "30/04/2026" })]),
                /exemptions\.0\.expires: must match pattern/,
            );
        });

        it("rejects an exemption for another policy, an unknown field, and a resource that is not a URN", () => {
            assert.throws(
                () => validate([exemption({ policy: "aws-kms-key-enable-key-rotation" })]),
                /exemptions\.0\.policy: must be one of/,
            );
            assert.throws(
                () => validate([exemption({ ticket: "CHG-1042" })]),
                /additional property "ticket" is not allowed/,
            );
            assert.throws(
                () => validate([exemption({ resource: "*" })]),
                /exemptions\.0\.resource: must match pattern/,
            );
        });
    });

    describe("a violation on an exempted resource", () => {
        it("reports the violation at the rule's level when no exemption is configured", async () => {
            assert.deepEqual(await checkQueue({}), [{ level: "mandatory", message: PLAINTEXT }]);
        });

        it("turns into an advisory notice naming the approver, the reason and the end date while the exemption is active", async () => {
            assert.deepEqual(await checkQueue({ exemptions: [exemption()] }), [
                {
                    level: "advisory",
                    urn: QUEUE_URN,
                    message: `${PLAINTEXT} [Exempted until 2026-04-30, approved by "dpo@example.com": "${REASON}". Reported as advisory until then; fix it before the exemption expires.]`,
                },
            ]);
        });

        it("is still exempt on the exemption's last day", async () => {
            const [v] = await checkQueue({ exemptions: [exemption({ expires: TODAY })] });
            assert.equal(v.level, "advisory");
        });

        it("is mandatory again, with a note of the expiry date, the day after the exemption expired", async () => {
            assert.deepEqual(
                await checkQueue({ exemptions: [exemption({ expires: "2026-03-09" })] }),
                [
                    {
                        level: "mandatory",
                        message: `${PLAINTEXT} [The exemption approved by "dpo@example.com" expired on 2026-03-09; the violation applies again. Fix it, or ask the platform team for a new exemption.]`,
                    },
                ],
            );
        });

        it("matches a URN glob", async () => {
            const [v] = await checkQueue(
                {
                    exemptions: [
                        exemption({
                            resource: "urn:pulumi:test::gdpr-guard::aws:sqs/queue:Queue::legacy-*",
                        }),
                    ],
                },
                { name: "legacy-2" },
                "legacy-2",
            );
            assert.equal(v.level, "advisory");
        });

        it("is not exempted by a glob for other names, nor by a `*` that would have to cross the `/` of the type", async () => {
            const other = await checkQueue({
                exemptions: [
                    exemption({
                        resource: "urn:pulumi:test::gdpr-guard::aws:sqs/queue:Queue::billing-*",
                    }),
                ],
            });
            assert.equal(other[0].level, "mandatory");
            const broad = await checkQueue({
                exemptions: [exemption({ resource: "urn:pulumi:test::gdpr-guard::*" })],
            });
            assert.equal(broad[0].level, "mandatory");
        });

        it("prefers an active exemption over an expired one for the same resource", async () => {
            const [v] = await checkQueue({
                exemptions: [exemption({ expires: "2026-01-01" }), exemption()],
            });
            assert.equal(v.level, "advisory");
        });

        it("reports nothing for a compliant resource, exempted or not", async () => {
            assert.deepEqual(
                await checkQueue(
                    { exemptions: [exemption()] },
                    { name: "legacy", kmsMasterKeyId: "alias/crm-sync" },
                ),
                [],
            );
        });

        it("does not crash on an unknown value and leaves it to the framework", async () => {
            const out = await checkResource(
                sqsRule(),
                { type: QUEUE, name: "legacy", props: { kmsMasterKeyId: unknown.string } },
                { exemptions: [exemption()] },
            );
            assert.deepEqual(out.violations, []);
            assert.match(out.unknownDuringPreview ?? "", /can.t be known during preview/);
        });
    });

    describe("an invalid exemption", () => {
        const TOO_FAR = `Policy config of "aws-sqs-queue-enable-kms-encryption" is invalid: exemption #1 (resource "${QUEUE_URN}") expires on "2026-12-31", more than 90 days ahead (the latest allowed today is "2026-06-08"); the exemption is ignored until the platform team fixes it.`;

        it("that expires more than 90 days ahead is ignored and reported as a mandatory config violation", async () => {
            assert.deepEqual(
                await checkQueue({ exemptions: [exemption({ expires: "2026-12-31" })] }),
                [
                    { level: "mandatory", urn: QUEUE_URN, message: TOO_FAR },
                    {
                        level: "mandatory",
                        message: `${PLAINTEXT} [Policy config exemption #1 (resource "${QUEUE_URN}") expires on "2026-12-31", more than 90 days ahead (the latest allowed today is "2026-06-08"), so it was ignored.]`,
                    },
                ],
            );
        });

        it("that expires exactly 90 days ahead is valid", async () => {
            const [v] = await checkQueue({ exemptions: [exemption({ expires: "2026-06-08" })] });
            assert.equal(v.level, "advisory");
        });

        it("is accepted when `exemptionMaxDays` allows its date", async () => {
            const out = await checkQueue({
                exemptionMaxDays: 365,
                exemptions: [exemption({ expires: "2026-12-31" })],
            });
            assert.deepEqual(
                out.map((v) => v.level),
                ["advisory"],
            );
        });

        it("is reported once per policy, not on every resource", async () => {
            const policy = sqsRule();
            const config = { exemptions: [exemption({ expires: "2027-01-01" })] };
            const first = await checkResource(
                policy,
                { type: QUEUE, name: "a", props: { kmsMasterKeyId: "alias/k" } },
                config,
            );
            const second = await checkResource(
                policy,
                { type: QUEUE, name: "b", props: { kmsMasterKeyId: "alias/k" } },
                config,
            );
            assert.equal(first.violations.length, 1);
            assert.deepEqual(second.violations, []);
        });

        it("is reported again for each stack one pack process checks (`check --state` with many exports)", async () => {
            const policy = sqsRule();
            const config = { exemptions: [exemption({ expires: "2027-01-01" })] };
            const queueOf = (stack: string) => ({
                type: QUEUE,
                name: "a",
                urn: `urn:pulumi:${stack}::gdpr-guard::${QUEUE}::a`,
                props: { kmsMasterKeyId: "alias/k" },
            });
            const outcomes = [];
            for (const stack of ["prod", "staging", "prod"]) {
                outcomes.push(await checkResource(policy, queueOf(stack), config));
            }
            assert.deepEqual(
                outcomes.map((o) => o.violations.length),
                [1, 1, 0],
            );
        });

        it("is reported in each of two stacks of one name checked in turn, once in each (ConfigureStack per export)", async () => {
            const policy = sqsRule();
            const config = { exemptions: [exemption({ expires: "2027-01-01" })] };
            // Two exports of "prod" (two organisations'): same URNs, a ConfigureStack, a new map each.
            const [first, second] = [new Map([["org", "a"]]), new Map([["org", "b"]])];
            const outcomes = [];
            for (const stackTags of [first, first, second, second, first]) {
                const queue = { type: QUEUE, name: "a", props: { kmsMasterKeyId: "alias/k" } };
                outcomes.push(await checkResource(policy, { ...queue, stackTags }, config));
            }
            assert.deepEqual(
                outcomes.map((o) => o.violations.length),
                [1, 0, 1, 0, 0],
            );
        });

        it("is checked afresh when the config changes within one process", async () => {
            const policy = sqsRule();
            const queue = { type: QUEUE, name: "a", props: { kmsMasterKeyId: "alias/k" } };
            const valid = await checkResource(policy, queue, {
                exemptions: [exemption({ expires: "2026-04-01" })],
            });
            const invalid = await checkResource(policy, queue, {
                exemptions: [exemption({ expires: "2027-01-01" })],
            });
            assert.deepEqual(valid.violations, []);
            assert.equal(invalid.violations.length, 1);
        });

        for (const [what, e, problem] of [
            ["without a reason", exemption({ reason: " " }), "has no reason"],
            [
                "without an expiry date",
                exemption({ expires: undefined }),
                "has no expiry date (expires)",
            ],
            [
                "without an approver",
                exemption({ approvedBy: "" }),
                "does not say who approved it (approvedBy)",
            ],
            [
                "with an impossible date",
                exemption({ expires: "2026-02-30" }),
                'has expires "2026-02-30", which is not a date written YYYY-MM-DD',
            ],
            [
                "for another policy",
                exemption({ policy: "aws-kms-key-enable-key-rotation" }),
                'names policy "aws-kms-key-enable-key-rotation", not "aws-sqs-queue-enable-kms-encryption" it is configured under',
            ],
        ] as const) {
            it(`${what} never applies (config that skipped schema validation is still refused)`, async () => {
                const out = await checkQueue({ exemptions: [e] });
                assert.deepEqual(
                    out.map((v) => v.level),
                    ["mandatory", "mandatory"],
                );
                assert.ok(out[0].message.includes(problem), out[0].message);
            });
        }

        it("that is not an object, and an `exemptions` that is not a list, do not throw", async () => {
            const listed = await checkQueue({
                exemptions: ["urn:pulumi:test::gdpr-guard::aws:sqs/queue:Queue::legacy"],
            });
            assert.ok(listed[0].message.includes("exemption #1 is not an object"));
            const scalar = await checkQueue({ exemptions: 42 });
            assert.ok(
                scalar[0].message.includes('sets "exemptions" to something that is not a list'),
            );
            assert.deepEqual(
                scalar.map((v) => v.level),
                ["mandatory", "mandatory"],
            );
        });
    });

    describe("config keys a rule does not have", () => {
        it("are reported as a mandatory config violation naming the key", async () => {
            const out = await checkQueue({ allowSqsManagedSSE: true });
            assert.deepEqual(out[0], {
                level: "mandatory",
                urn: QUEUE_URN,
                message: `Policy config of "aws-sqs-queue-enable-kms-encryption" sets "allowSqsManagedSSE", which this policy does not have; remove it or fix its spelling (see docs/policies.md).`,
            });
        });

        it("are not reported for the rule's own keys and the shared ones", () => {
            const [wrapped] = withExemptions([enableKmsEncryption]);
            assert.deepEqual(
                configProblems(
                    wrapped.name,
                    wrapped.configSchema,
                    { allowSqsManagedSse: true, exemptions: [], exemptionMaxDays: 30 } as any,
                    TODAY,
                ),
                [],
            );
        });
    });

    describe("application code", () => {
        it("cannot exempt itself with tags: only the policy config can", async () => {
            const out = await checkQueue(
                {},
                {
                    name: "legacy",
                    tags: {
                        "gdpr-guard.io/exempt": "true",
                        "gdpr-guard.io/exemption": "aws-sqs-queue-enable-kms-encryption",
                    },
                },
            );
            assert.deepEqual(out, [{ level: "mandatory", message: PLAINTEXT }]);
        });
    });

    describe("stack rules", () => {
        const stackRule: StackValidationPolicy = {
            name: "pulumi-stack-resource-enforce-test-thing",
            description: "Checks that test resources are fine.",
            enforcementLevel: "mandatory",
            validateStack: (args, report) => {
                for (const r of args.resources) {
                    report(`Resource "${r.name}" is not fine.`, r.urn);
                }
            },
        };

        it("exempt the resource a violation names and leave the others", async () => {
            const [wrapped] = withExemptions([stackRule], clock);
            const out = await checkStack(
                wrapped as StackValidationPolicy,
                [
                    { type: QUEUE, name: "legacy", props: {} },
                    { type: QUEUE, name: "fresh", props: {} },
                ],
                { exemptions: [exemption()] },
            );
            const s = seen(wrapped, out.violations);
            assert.deepEqual(
                s.map((v) => v.level),
                ["advisory", "mandatory"],
            );
            assert.equal(s[0].urn, QUEUE_URN);
            assert.equal(out.urns[1], urn(QUEUE, "fresh"));
        });
    });

    describe("a violation a rule reports in the object form", () => {
        const nearlyFine = (r: { name: string }) => `Resource "${r.name}" is nearly fine.`;
        const levelled = (withUrnArgument: boolean, level?: string): StackValidationPolicy => ({
            name: "pulumi-stack-resource-enforce-test-level",
            description: "Checks that test resources are fine.",
            enforcementLevel: "mandatory",
            validateStack: (args, report) => {
                for (const r of args.resources) {
                    const v = { message: nearlyFine(r), enforcementLevel: level, urn: r.urn };
                    if (withUrnArgument) {
                        report(v as any, r.urn);
                    } else {
                        report(v as any);
                    }
                }
            },
        });
        const run = async (
            config: Record<string, unknown>,
            policy: StackValidationPolicy = levelled(true, "advisory"),
        ) => {
            const [wrapped] = withExemptions([policy], clock);
            const out = await checkStack(
                wrapped as StackValidationPolicy,
                [{ type: QUEUE, name: "legacy", props: {} }],
                config,
            );
            return { raw: out.violations as unknown[], seen: seen(wrapped, out.violations) };
        };

        it("keeps its own level and its URN, with the description prefix a string-form violation gets", async () => {
            const { raw, seen: s } = await run({});
            assert.deepEqual(s, [
                { level: "advisory", urn: QUEUE_URN, message: 'Resource "legacy" is nearly fine.' },
            ]);
            assert.equal(
                (raw[0] as any).message,
                'Checks that test resources are fine.\nResource "legacy" is nearly fine.',
            );
        });

        it("is annotated, not turned into “[object Object]”, while an exemption is active", async () => {
            const { seen: s } = await run({ exemptions: [exemption()] });
            assert.deepEqual(s, [
                {
                    level: "advisory",
                    urn: QUEUE_URN,
                    message: `Resource "legacy" is nearly fine. [Exempted until 2026-04-30, approved by "dpo@example.com": "${REASON}". Reported as advisory until then; fix it before the exemption expires.]`,
                },
            ]);
        });

        it("keeps its own level, not the rule's, with a note of the expiry date, after its exemption expired", async () => {
            const { seen: s } = await run({ exemptions: [exemption({ expires: "2026-03-09" })] });
            assert.equal(s.length, 1);
            assert.equal(s[0].level, "advisory");
            assert.equal(s[0].urn, QUEUE_URN);
            assert.match(
                s[0].message,
                /^Resource "legacy" is nearly fine\. \[The exemption .* expired on 2026-03-09/,
            );
        });

        it("is matched to an exemption by the URN in the object when the second argument is missing", async () => {
            const { seen: s } = await run(
                { exemptions: [exemption()] },
                levelled(false, "mandatory"),
            );
            assert.deepEqual(
                s.map((v) => [v.level, v.urn]),
                [["advisory", QUEUE_URN]],
            );
            const bare = await run({}, levelled(false, "mandatory"));
            assert.deepEqual(
                bare.seen.map((v) => [v.level, v.urn]),
                [["mandatory", QUEUE_URN]],
            );
        });

        it("takes the rule's level when the object sets none (or one the server does not know)", async () => {
            for (const level of [undefined, "remediate"]) {
                const { raw, seen: s } = await run({}, levelled(true, level));
                assert.equal(typeof raw[0], "string", "passed on in the string form");
                assert.deepEqual(s, [
                    { level: "mandatory", message: 'Resource "legacy" is nearly fine.' },
                ]);
            }
        });
    });

    describe("remediation", () => {
        const remediating: ResourceValidationPolicy = {
            name: "aws-sqs-queue-enable-test-encryption",
            description: "Checks that test queues are encrypted.",
            enforcementLevel: "remediate",
            validateResource: () => undefined,
            remediateResource: (args) => ({ ...args.props, sqsManagedSseEnabled: true }),
        };
        const remediate = (config: Record<string, unknown>, name: string) => {
            const [wrapped] = withExemptions([remediating], clock) as ResourceValidationPolicy[];
            return wrapped.remediateResource!({
                urn: urn(QUEUE, name),
                name,
                type: QUEUE,
                props: { name },
                getConfig: () => config,
            } as any);
        };

        it("leaves a resource with an active exemption as it is", async () => {
            assert.equal(await remediate({ exemptions: [exemption()] }, "legacy"), undefined);
        });

        it("still fixes a resource whose exemption expired, and every other resource", async () => {
            assert.deepEqual(
                await remediate({ exemptions: [exemption({ expires: "2026-01-01" })] }, "legacy"),
                { name: "legacy", sqsManagedSseEnabled: true },
            );
            assert.deepEqual(await remediate({ exemptions: [exemption()] }, "fresh"), {
                name: "fresh",
                sqsManagedSseEnabled: true,
            });
        });
    });

    describe("helpers", () => {
        it("reads only real calendar dates", () => {
            assert.equal(isIsoDate("2028-02-29"), true);
            assert.equal(isIsoDate("2027-02-29"), false);
            assert.equal(isIsoDate("2027-1-5"), false);
            assert.equal(isIsoDate(20270105), false);
        });

        it("matches an exact URN without treating its characters as a glob", () => {
            const u = "urn:pulumi:prod::crm::aws:sqs/queue:Queue::events[eu]";
            assert.equal(matchesResource(u, u), true);
        });

        it("gives every exemption a status on a given day", () => {
            const out = checkExemptions(
                "p",
                {
                    exemptions: [
                        exemption({ expires: "2026-03-10" }),
                        exemption({ expires: "2026-03-09" }),
                        exemption({ reason: undefined }),
                    ],
                } as any,
                TODAY,
            );
            assert.deepEqual(
                out.map((e) => e.status),
                ["active", "expired", "invalid"],
            );
        });
    });

    describe("through the offline engine", function () {
        this.timeout(120000);
        const legacy = urnOf(QUEUE, "legacy");
        const queues = [
            { type: QUEUE, name: "legacy", inputs: { name: "legacy" } },
            { type: QUEUE, name: "fresh", inputs: { name: "fresh" } },
        ];
        const rows = (r: Awaited<ReturnType<typeof checkOffline>>) =>
            r.report.violations
                .filter((v) => v.policy === enableKmsEncryption.name)
                .map((v) => `${v.level} ${v.name}`);

        it("reports an exempted violation as advisory, an expired one as mandatory, and the others unchanged", async () => {
            const active = await checkOffline(queues, {
                [enableKmsEncryption.name]: {
                    exemptions: [
                        {
                            resource: legacy,
                            reason: REASON,
                            expires: daysFromToday(30),
                            approvedBy: "dpo@example.com",
                        },
                    ],
                },
            });
            assert.deepEqual(rows(active), ["advisory legacy", "mandatory fresh"]);
            const notice = active.report.violations.find(
                (v) => v.policy === enableKmsEncryption.name && v.name === "legacy",
            )!;
            assert.ok(
                notice.message.endsWith(
                    `[Exempted until ${daysFromToday(30)}, approved by "dpo@example.com": "${REASON}". Reported as advisory until then; fix it before the exemption expires.]`,
                ),
                notice.message,
            );

            const expired = await checkOffline(queues, {
                [enableKmsEncryption.name]: {
                    exemptions: [
                        {
                            resource: legacy,
                            reason: REASON,
                            expires: "2026-01-31",
                            approvedBy: "dpo@example.com",
                        },
                    ],
                },
            });
            assert.deepEqual(rows(expired), ["mandatory legacy", "mandatory fresh"]);
        });

        it("refuses an exemption without a reason as invalid config (exit 2)", async () => {
            await assert.rejects(
                checkOffline(queues, {
                    [enableKmsEncryption.name]: {
                        exemptions: [
                            {
                                resource: legacy,
                                expires: daysFromToday(30),
                                approvedBy: "dpo@example.com",
                            },
                        ],
                    },
                }),
                (e: Error) =>
                    e.name === "UsageError" &&
                    /aws-sqs-queue-enable-kms-encryption: reason is required/.test(e.message),
            );
        });

        it("reports an exemption too far ahead as the pack's own mandatory violation, and does not apply it", async () => {
            const out = await checkOffline(queues, {
                [enableKmsEncryption.name]: {
                    exemptions: [
                        {
                            resource: legacy,
                            reason: REASON,
                            expires: daysFromToday(200),
                            approvedBy: "dpo@example.com",
                        },
                    ],
                },
            });
            // The engine is generic over packs: what a pack finds wrong with its config beyond the
            // schema, it reports itself, and the offline engine shows it as the real engine does.
            const problems = out.report.violations.filter((v) =>
                /^Policy config of "aws-sqs-queue-enable-kms-encryption" is invalid: .*expires/.test(
                    v.message,
                ),
            );
            assert.deepEqual(
                problems.map((v) => v.level),
                ["mandatory"],
            );
            assert.ok(out.report.summary.mandatory >= 2, "the queue itself is not exempted");
        });
    });
});
