import {
    ACCOUNT,
    OIDC_ARN,
    OIDC_ISSUER,
    failuresOf,
    find,
    mark,
    refusal,
    settle,
    since,
} from "./mocks";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { LeastPrivilegeRole } from "../../components";

const QUEUE_ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:crm-events`;

describe("LeastPrivilegeRole", () => {
    it("trusts exactly one service account through the OIDC provider and holds only the typed grants", async () => {
        const m = mark();
        const role = new LeastPrivilegeRole("crm-sync", {
            oidcProviderArn: OIDC_ARN,
            namespace: "crm",
            serviceAccount: "crm-sync",
            grants: [{ actions: ["sqs:SendMessage"], resources: [pulumi.output(QUEUE_ARN)] }],
            permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/sync-boundary`,
            tags: { "data-owner": "sales" },
        });
        await settle();
        assert.equal(role.subject, "system:serviceaccount:crm:crm-sync");
        const r = find(m, "aws:iam/role:Role", "crm-sync-role").inputs;
        assert.equal(r.maxSessionDuration, 3600);
        assert.equal(r.permissionsBoundary, `arn:aws:iam::${ACCOUNT}:policy/sync-boundary`);
        assert.deepEqual(r.tags, { "data-owner": "sales" });
        assert.deepEqual(JSON.parse(r.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ServiceAccountOnly",
                    Effect: "Allow",
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Principal: { Federated: OIDC_ARN },
                    Condition: {
                        StringEquals: {
                            [`${OIDC_ISSUER}:sub`]: "system:serviceaccount:crm:crm-sync",
                            [`${OIDC_ISSUER}:aud`]: "sts.amazonaws.com",
                        },
                    },
                },
            ],
        });
        const p = find(m, "aws:iam/rolePolicy:RolePolicy", "crm-sync-policy").inputs;
        assert.equal(p.role, "crm-sync-role-id");
        assert.deepEqual(JSON.parse(p.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Grant0",
                    Effect: "Allow",
                    Action: ["sqs:SendMessage"],
                    Resource: [QUEUE_ARN],
                },
            ],
        });
    });

    describe("refuses", () => {
        const base = {
            oidcProviderArn: OIDC_ARN,
            namespace: "crm",
            serviceAccount: "crm-sync",
            grants: [{ actions: ["sqs:SendMessage"], resources: [QUEUE_ARN] }],
        };
        const cases: [string, object, string][] = [
            [
                "a wildcard action",
                { grants: [{ actions: ["sqs:*"], resources: [QUEUE_ARN] }] },
                'argument `grants[0].actions` holds the wildcard action "sqs:*", which grants every present and future action it matches; list the exact actions the workload calls.',
            ],
            [
                'Action "*"',
                { grants: [{ actions: ["*"], resources: [QUEUE_ARN] }] },
                'argument `grants[0].actions` holds the wildcard action "*", which grants every present and future action it matches; list the exact actions the workload calls.',
            ],
            [
                "a privilege-escalation action",
                {
                    grants: [
                        {
                            actions: ["iam:PassRole"],
                            resources: [`arn:aws:iam::${ACCOUNT}:role/x`],
                        },
                    ],
                },
                'argument `grants[0].actions` holds "iam:PassRole", which lets the holder change its own or others\' permissions; leave identity and key administration to the platform team.',
            ],
            [
                "a wildcard resource",
                { grants: [{ actions: ["sqs:SendMessage"], resources: ["*"] }] },
                'argument `grants[0].resources[0]` is "*", not one exact resource ARN; name the exact ARN (for a queue, its `arn` output).',
            ],
            [
                "a resource ARN with a wildcard",
                {
                    grants: [
                        {
                            actions: ["sqs:SendMessage"],
                            resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:crm-*`],
                        },
                    ],
                },
                `argument \`grants[0].resources[0]\` is "arn:aws:sqs:eu-west-1:${ACCOUNT}:crm-*", not one exact resource ARN; name the exact ARN (for a queue, its \`arn\` output).`,
            ],
            [
                "no grants",
                { grants: [] },
                "argument `grants` is empty; list the exact actions and resources the workload needs.",
            ],
            [
                "a service-account wildcard",
                { serviceAccount: "sync-*" },
                'argument `serviceAccount` is "sync-*", not one exact Kubernetes name (lower-case DNS label, no wildcards); name exactly one namespace or service account.',
            ],
            [
                "something that is not an OIDC provider ARN",
                { oidcProviderArn: `arn:aws:iam::${ACCOUNT}:role/x` },
                `argument \`oidcProviderArn\` is "arn:aws:iam::${ACCOUNT}:role/x", not an IAM OIDC provider ARN; pass the cluster's OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>).`,
            ],
            [
                "a malformed action",
                { grants: [{ actions: ["SendMessage"], resources: [QUEUE_ARN] }] },
                'argument `grants[0].actions` holds "SendMessage", not an IAM action; write actions as "<service>:<Action>", e.g. "sqs:SendMessage".',
            ],
        ];
        for (const [what, change, message] of cases) {
            it(`${what}, before creating anything`, async () => {
                const m = mark();
                assert.equal(
                    refusal(() => new LeastPrivilegeRole("r", { ...base, ...change } as any)),
                    `LeastPrivilegeRole "r": ${message}`,
                );
                await settle();
                assert.deepEqual(since(m), []);
            });
        }

        it("a wildcard resource that arrives as an Output, when it resolves, and never registers the policy", async () => {
            const m = mark();
            const failures = await failuresOf(
                () =>
                    new LeastPrivilegeRole("late", {
                        ...base,
                        grants: [{ actions: ["sqs:SendMessage"], resources: [pulumi.output("*")] }],
                    }),
            );
            assert.deepEqual(failures, [
                'error serializing property "policy": LeastPrivilegeRole "late": argument `grants[0].resources[0]` is "*", not one exact resource ARN; name the exact ARN (for a queue, its `arn` output).',
            ]);
            assert.deepEqual(
                since(m).map((r) => r.type),
                ["gdpr-guard:iam:LeastPrivilegeRole", "aws:iam/role:Role"],
            );
        });
    });
});
