import * as assert from "node:assert/strict";
import * as path from "node:path";
import { readStackConfig, runProgram, type ProgramRun, type RunOptions } from "../../cli/runner";
import { UsageError } from "../../cli/errors";
import { renderPolicyDocument } from "../../cli/mocks";
import type { ResourceState, UntypedDeployment } from "../../cli/snapshot";
import { RESOURCE_REF_SIG, SECRET_SIG, SIG_KEY, UNKNOWN } from "../../cli/wire";
import { UNREADABLE_SECRET } from "../../policypack/lib/secrets/detector";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "..", "fixtures", "programs");

function byName(s: UntypedDeployment, type: string, name?: string): ResourceState {
    const r = s.deployment.resources.find(
        (x) => x.type === type && (name === undefined || x.urn.endsWith(`::${name}`)),
    );
    assert.ok(r, `no ${type} ${name ?? ""} in the snapshot`);
    return r;
}

async function snapshotOf(opts: RunOptions): Promise<UntypedDeployment> {
    return (await runProgram(opts)).snapshot;
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
                snapshotOf({
                    projectDir: path.join(FIXTURES, "tiny"),
                    stack: "dev",
                    preview: false,
                }),
                snapshotOf({
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
                snapshotOf({ projectDir: ROOT, stack: "legacy-sync", preview: false }),
                snapshotOf({ projectDir: ROOT, stack: "crm-erp-sync", preview: false }),
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

    it("derives each mocked id and name from the resource's own URN when resources register in one tick", async () => {
        const snap = await snapshotOf({
            projectDir: path.join(FIXTURES, "back-to-back"),
            stack: "dev",
            preview: false,
        });
        const custom = snap.deployment.resources.filter((r) => r.type.startsWith("aws:ec2/"));
        assert.equal(custom.length, 6);
        const ids = custom.map((r) => String(r.id));
        assert.equal(new Set(ids).size, ids.length, `ids repeat: ${ids.join(", ")}`);
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

        it("names the unanswered invokes a failed program had read, and --mocks", async () => {
            await assert.rejects(
                runProgram({
                    projectDir: path.join(FIXTURES, "parses-invoke"),
                    stack: "dev",
                    preview: false,
                }),
                (e: Error) => {
                    assert.ok(e instanceof UsageError);
                    assert.match(
                        e.message,
                        /^The program failed: .*JSON.*; it had read results gdpr-guard does not answer offline \(aws:ssm\/getParameter:getParameter\), which are unknown — if it needs their values, answer them with --mocks FILE \(stack "dev"\)\.$/,
                    );
                    return true;
                },
            );
        });

        it("stops a program that never finishes at the deadline, with one line", async () => {
            const started = Date.now();
            await assert.rejects(
                runProgram({
                    projectDir: path.join(FIXTURES, "never-ends"),
                    stack: "dev",
                    preview: false,
                    deadline: Date.now() + 4000,
                }),
                (e: Error) => {
                    assert.ok(e instanceof UsageError);
                    assert.equal(
                        e.message,
                        'The program of stack "dev" did not finish within the time limit (--timeout) and was stopped.',
                    );
                    return true;
                },
            );
            assert.ok(Date.now() - started < 20_000, "stopped near the deadline, not at the end");
        });

        it("refuses a folder that is not a Pulumi project, and a --mocks file that is not there", async () => {
            await assert.rejects(
                runProgram({ projectDir: FIXTURES, stack: "dev", preview: false }),
                /is not a Pulumi project: it has no Pulumi\.yaml\./,
            );
            await assert.rejects(
                runProgram({
                    projectDir: path.join(FIXTURES, "tiny"),
                    stack: "dev",
                    preview: false,
                    mocksFile: path.join(FIXTURES, "no-such-mocks.js"),
                }),
                /Mocks module ".*no-such-mocks\.js" does not exist\./,
            );
        });
    });

    describe("on what real programs do", () => {
        let wild: ProgramRun;
        let wildPreview: ProgramRun;
        let mocked: ProgramRun;

        before(async () => {
            const projectDir = path.join(FIXTURES, "wild");
            [wild, wildPreview, mocked] = await Promise.all([
                runProgram({ projectDir, stack: "dev", preview: false }),
                runProgram({ projectDir, stack: "dev", preview: true }),
                runProgram({
                    projectDir,
                    stack: "dev",
                    preview: false,
                    mocksFile: path.join(projectDir, "mocks.js"),
                }),
            ]);
        });

        it("answers the invokes real programs make most, deterministically", () => {
            const web = byName(wild.snapshot, "aws:ec2/instance:Instance", "web");
            assert.match(String(web.inputs?.ami), /^ami-[0-9a-f]{17}$/);
            assert.match(String(web.inputs?.subnetId), /^subnet-[0-9a-f]{17}$/);
            assert.deepEqual(
                byName(mocked.snapshot, "aws:ec2/instance:Instance", "web").inputs,
                web.inputs,
                "the same program gives the same answers on every run",
            );
        });

        it("leaves an unanswered invoke's result unknown and names it, instead of stopping", () => {
            assert.deepEqual(wild.unanswered, {
                "aws:ssm/getParameter:getParameter": 1,
                "eks:index:Cluster/getKubeconfig": 1,
                "kubernetes:helm:template": 1,
            });
            assert.equal(
                byName(wild.snapshot, "aws:ssm/parameter:Parameter", "endpoint-copy").inputs?.value,
                UNKNOWN,
            );
        });

        it("asks a --mocks module first, in setMocks' shape", () => {
            assert.deepEqual(Object.keys(mocked.unanswered), [
                "eks:index:Cluster/getKubeconfig",
                "kubernetes:helm:template",
            ]);
            assert.deepEqual(
                byName(mocked.snapshot, "aws:ssm/parameter:Parameter", "endpoint-copy").inputs
                    ?.value,
                { [SIG_KEY]: SECRET_SIG, value: "https://crm.internal.example.com/api" },
            );
        });

        it("leaves a multi-language component's outputs unknown in both modes, not undefined", () => {
            for (const run of [wild, wildPreview]) {
                const param = byName(run.snapshot, "aws:ssm/parameter:Parameter", "cluster-sg");
                assert.equal(param.inputs?.value, UNKNOWN);
            }
        });

        it("lists the components whose children it cannot see, with the reason", () => {
            assert.deepEqual(
                wild.unanalyzed.map((u) => [u.type, u.urn.split("::").pop()]),
                [
                    ["eks:index:Cluster", "cluster"],
                    ["kubernetes:helm.sh/v3:Chart", "ingress"],
                ],
            );
            assert.match(wild.unanalyzed[0].reason, /multi-language component.*eks provider/);
            assert.match(wild.unanalyzed[1].reason, /kubernetes:helm:template/);
        });

        it("keeps what only the cluster knows unknown in both modes, so no offence is invented", () => {
            for (const run of [wild, wildPreview]) {
                const client = byName(run.snapshot, "kubernetes:apps/v1:Deployment", "client");
                const env = (client.inputs as any).spec.template.spec.containers[0].env;
                assert.deepEqual(env, [{ name: "API_URL", value: UNKNOWN }]);
            }
        });

        it("records resource objects given as inputs as references, for the engine to reduce", () => {
            const profile = byName(wild.snapshot, "aws:iam/instanceProfile:InstanceProfile", "app");
            const role = byName(wild.snapshot, "aws:iam/role:Role", "app");
            assert.deepEqual(profile.inputs?.role, {
                [SIG_KEY]: RESOURCE_REF_SIG,
                urn: role.urn,
                id: role.id,
            });
        });
    });

    describe("loading programs as the Node.js language host does", () => {
        it("runs ES modules, JavaScript and TypeScript", async () => {
            for (const dir of ["esm", "esm-ts"]) {
                const run = await runProgram({
                    projectDir: path.join(FIXTURES, dir),
                    stack: "dev",
                    preview: false,
                });
                assert.ok(
                    run.snapshot.deployment.resources.some((r) => r.type === "aws:sqs/queue:Queue"),
                    `${dir}: the queue was registered`,
                );
            }
        });

        it("treats a stack without a config file as one with empty config, as the CLI does", async () => {
            const snap = await snapshotOf({
                projectDir: path.join(FIXTURES, "tiny"),
                stack: "prod",
                preview: true,
            }).catch((e: Error) => e);
            // The program requires config, so it fails on that, not on the missing file.
            assert.ok(snap instanceof UsageError);
            assert.match(
                snap.message,
                /Missing required configuration variable 'fixture-tiny:apiToken'/,
            );
        });

        it("passes a secret nested in structured config as present-but-unreadable, marked secret", () => {
            const config = readStackConfig(
                path.join(FIXTURES, "nested-secure", "Pulumi.dev.yaml"),
                "fixture-nested-secure",
            );
            assert.deepEqual(JSON.parse(config.values["fixture-nested-secure:database"]), {
                host: "db.internal.example.com",
                password: UNREADABLE_SECRET,
            });
            assert.deepEqual(config.secretKeys, ["fixture-nested-secure:database"]);
        });

        it("hands the program the nested secret as a secret, and the plain part readable", async () => {
            const snap = await snapshotOf({
                projectDir: path.join(FIXTURES, "nested-secure"),
                stack: "dev",
                preview: false,
            });
            assert.deepEqual(
                byName(snap, "aws:ssm/parameter:Parameter", "db-password").inputs?.value,
                { [SIG_KEY]: SECRET_SIG, value: UNREADABLE_SECRET },
            );
            assert.deepEqual(byName(snap, "aws:ssm/parameter:Parameter", "db-host").inputs?.value, {
                [SIG_KEY]: SECRET_SIG,
                value: "db.internal.example.com",
            });
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
