import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runProgram } from "../../cli/runner";
import { UsageError } from "../../cli/errors";
import { renderPolicyDocument } from "../../cli/mocks";
import type { ResourceState, UntypedDeployment } from "../../cli/snapshot";
import { SECRET_SIG, SIG_KEY, UNKNOWN, UNREADABLE_SECRET } from "../../cli/wire";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "..", "fixtures", "programs");

function byName(s: UntypedDeployment, type: string, name?: string): ResourceState {
    const r = s.deployment.resources.find(
        (x) => x.type === type && (name === undefined || x.urn.endsWith(`::${name}`)),
    );
    assert.ok(r, `no ${type} ${name ?? ""} in the snapshot`);
    return r;
}

function hasSecret(v: unknown): boolean {
    if (Array.isArray(v)) {
        return v.some(hasSecret);
    }
    if (v && typeof v === "object") {
        return (v as any)[SIG_KEY] === SECRET_SIG || Object.values(v).some(hasSecret);
    }
    return false;
}

describe("program runner", function () {
    describe("on a small program", () => {
        let snap: UntypedDeployment;
        let preview: UntypedDeployment;

        before(async () => {
            [snap, preview] = await Promise.all([
                runProgram({
                    projectDir: path.join(FIXTURES, "tiny"),
                    stack: "dev",
                    preview: false,
                }),
                runProgram({
                    projectDir: path.join(FIXTURES, "tiny"),
                    stack: "dev",
                    preview: true,
                }),
            ]);
        });

        it("records every resource with engine-shaped URNs, the root stack first", () => {
            const types = snap.deployment.resources.map((r) => r.type);
            assert.equal(types[0], "pulumi:pulumi:Stack");
            assert.equal(
                snap.deployment.resources[0].urn,
                "urn:pulumi:dev::fixture-tiny::pulumi:pulumi:Stack::fixture-tiny-dev",
            );
            assert.equal(types.filter((t) => t === "aws:sqs/queue:Queue").length, 2);
            assert.equal(
                byName(snap, "aws:sqs/queue:Queue", "events-main").urn,
                "urn:pulumi:dev::fixture-tiny::fixture:index:Pair$aws:sqs/queue:Queue::events-main",
            );
        });

        it("records parents, dependencies and property dependencies", () => {
            const stack = byName(snap, "pulumi:pulumi:Stack");
            const pair = byName(snap, "fixture:index:Pair", "events");
            const dlq = byName(snap, "aws:sqs/queue:Queue", "events-dlq");
            const main = byName(snap, "aws:sqs/queue:Queue", "events-main");
            assert.equal(pair.parent, stack.urn);
            assert.equal(main.parent, pair.urn);
            assert.deepEqual(main.propertyDependencies?.redrivePolicy, [dlq.urn]);
            assert.ok(main.dependencies?.includes(dlq.urn));
            // dependsOn a component expands to its custom children, as the SDK tells the engine.
            assert.ok(
                byName(snap, "aws:iam/policy:Policy", "send").dependencies?.includes(main.urn),
            );
        });

        it("adds the default provider with the stack's provider config, as the engine does", () => {
            const provider = byName(snap, "pulumi:providers:aws");
            assert.match(provider.urn, /::pulumi:providers:aws::default_7_48_0$/);
            assert.equal(provider.inputs?.region, "eu-central-1");
            assert.equal(provider.inputs?.version, "7.48.0");
            const main = byName(snap, "aws:sqs/queue:Queue", "events-main");
            assert.equal(main.provider, `${provider.urn}::${provider.id}`);
            assert.equal(byName(snap, "fixture:index:Pair").provider, undefined);
        });

        it("renders getPolicyDocument to real policy JSON with computed ARNs", () => {
            const main = byName(snap, "aws:sqs/queue:Queue", "events-main");
            const policy = JSON.parse(
                String(byName(snap, "aws:iam/policy:Policy", "send").inputs?.policy),
            );
            assert.deepEqual(policy, {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "sqs:SendMessage", Resource: main.outputs?.arn },
                ],
            });
            assert.match(
                String(main.outputs?.arn),
                /^arn:aws:sqs:eu-central-1:123456789012:events-main-[0-9a-f]{7}$/,
            );
        });

        it("keeps secrets marked and passes encrypted config as present-but-unreadable", () => {
            const token = byName(snap, "aws:ssm/parameter:Parameter", "token");
            assert.deepEqual(token.inputs?.value, {
                [SIG_KEY]: SECRET_SIG,
                value: UNREADABLE_SECRET,
            });
            // @pulumi/aws marks every Parameter value secret; a plain config value arrives readable.
            assert.deepEqual(
                byName(snap, "aws:ssm/parameter:Parameter", "greeting").inputs?.value,
                { [SIG_KEY]: SECRET_SIG, value: "hello" },
            );
        });

        it("records the source position of each resource", () => {
            assert.equal(
                byName(snap, "aws:iam/policy:Policy", "send").sourcePosition,
                "project:///index.ts#30,1",
            );
            assert.match(
                String(byName(snap, "aws:sqs/queue:Queue", "events-dlq").sourcePosition),
                /^project:\/\/\/index\.ts#10,\d+$/,
            );
        });

        it("leaves computed outputs unknown in preview", () => {
            const main = byName(preview, "aws:sqs/queue:Queue", "events-main");
            assert.equal(main.inputs?.redrivePolicy, UNKNOWN);
            assert.equal(byName(preview, "aws:iam/policy:Policy", "send").inputs?.policy, UNKNOWN);
            assert.equal(main.outputs?.arn, undefined);
        });
    });

    describe("on the example stacks", () => {
        let legacy: UntypedDeployment;
        let good: UntypedDeployment;

        before(async () => {
            [legacy, good] = await Promise.all([
                runProgram({ projectDir: ROOT, stack: "legacy-sync", preview: false }),
                runProgram({ projectDir: ROOT, stack: "crm-erp-sync", preview: false }),
            ]);
        });

        it("runs legacy-sync with its 2 a.m. offences in place", () => {
            const job = byName(legacy, "kubernetes:batch/v1:CronJob", "crm-erp-sync");
            const env = (job.inputs as any).spec.jobTemplate.spec.template.spec.containers[0].env;
            assert.ok(
                env.some((e: any) => e.name === "DB_PASSWORD" && typeof e.value === "string"),
            );
            assert.ok(hasSecret(env), "the access key secret reaches the env as a marked secret");
            assert.ok(legacy.deployment.resources.length >= 12);
            const vault = legacy.deployment.resources.find(
                (r) => r.type === "pulumi:providers:vault",
            );
            assert.equal(vault?.inputs?.address, "http://vault.internal:8200");
        });

        it("runs crm-erp-sync with every resource under the stack", () => {
            const stack = byName(good, "pulumi:pulumi:Stack");
            for (const r of good.deployment.resources) {
                if (r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:")) {
                    assert.ok(r.parent, `${r.urn} has a parent`);
                }
            }
            assert.ok(good.deployment.resources.some((r) => r.parent === stack.urn));
            const trust = good.deployment.resources.find((r) => r.type === "aws:iam/role:Role");
            assert.match(
                String(trust?.inputs?.assumeRolePolicy),
                /"sts:AssumeRoleWithWebIdentity"/,
            );
        });
    });

    describe("when the program cannot be used", () => {
        it("reports a program that throws in one line", async () => {
            await assert.rejects(
                runProgram({
                    projectDir: path.join(FIXTURES, "throws"),
                    stack: "dev",
                    preview: false,
                }),
                (e: Error) => {
                    assert.ok(e instanceof UsageError);
                    assert.equal(
                        e.message,
                        'The program failed: queue name must be set (stack "dev").',
                    );
                    return true;
                },
            );
        });

        it("names the invoke it cannot answer", async () => {
            await assert.rejects(
                runProgram({
                    projectDir: path.join(FIXTURES, "unknown-invoke"),
                    stack: "dev",
                    preview: false,
                }),
                /cannot answer the invoke "aws:ec2\/getAmi:getAmi" offline/,
            );
        });

        it("refuses a folder that is not a Pulumi project, and a stack without config", async () => {
            await assert.rejects(
                runProgram({ projectDir: FIXTURES, stack: "dev", preview: false }),
                /is not a Pulumi project: it has no Pulumi\.yaml\./,
            );
            await assert.rejects(
                runProgram({
                    projectDir: path.join(FIXTURES, "tiny"),
                    stack: "prod",
                    preview: false,
                }),
                /Stack "prod" has no config file/,
            );
        });
    });
});

describe("getPolicyDocument rendering", () => {
    it("collapses single values, groups conditions and defaults Effect to Allow", () => {
        const { json, minifiedJson } = renderPolicyDocument({
            statements: [
                {
                    sid: "Trust",
                    actions: ["sts:AssumeRoleWithWebIdentity"],
                    principals: [
                        { type: "Federated", identifiers: ["arn:aws:iam::1:oidc-provider/x"] },
                    ],
                    conditions: [
                        {
                            test: "StringEquals",
                            variable: "x:sub",
                            values: ["system:serviceaccount:ns:sa"],
                        },
                        { test: "StringEquals", variable: "x:aud", values: ["sts.amazonaws.com"] },
                    ],
                },
                {
                    effect: "Deny",
                    actions: ["sqs:*"],
                    resources: ["a", "b"],
                    principals: [{ type: "*", identifiers: ["*"] }],
                },
            ],
        });
        assert.deepEqual(JSON.parse(json), JSON.parse(minifiedJson));
        assert.deepEqual(JSON.parse(json), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Trust",
                    Effect: "Allow",
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Principal: { Federated: "arn:aws:iam::1:oidc-provider/x" },
                    Condition: {
                        StringEquals: {
                            "x:sub": "system:serviceaccount:ns:sa",
                            "x:aud": "sts.amazonaws.com",
                        },
                    },
                },
                { Effect: "Deny", Action: "sqs:*", Resource: ["a", "b"], Principal: "*" },
            ],
        });
    });
});
