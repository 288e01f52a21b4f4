import * as assert from "node:assert/strict";
import { disallowPrivilegeEscalation } from "../../../../../../policypack/policies/least-privilege/aws/iam/disallowPrivilegeEscalation";
import { checkResource, unknown } from "../../../../harness";

const ROLE = "arn:aws:iam::111122223333:role/crm-sync-worker";
const statement = { Sid: "PassWorker", Effect: "Allow", Action: "iam:PassRole", Resource: ROLE };
const doc = (...statements: object[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements });
const rolePolicy = (policy: unknown) => ({
    type: "aws:iam/rolePolicy:RolePolicy",
    name: "sync",
    props: { role: "sync", policy },
});

describe("aws-iam-policy-disallow-privilege-escalation", () => {
    it("accepts iam:PassRole on one named role", async () => {
        const out = await checkResource(disallowPrivilegeEscalation, rolePolicy(doc(statement)));
        assert.deepEqual(out.violations, []);
    });

    it('rejects iam:PassRole on Resource "*"', async () => {
        const out = await checkResource(
            disallowPrivilegeEscalation,
            rolePolicy(doc({ ...statement, Resource: "*" })),
        );
        assert.deepEqual(out.violations, [
            'IAM role policy "sync" statement "PassWorker" allows privilege-escalation action "iam:PassRole" on Resource "*"; with it a leaked sync credential can grant itself more access, so drop it or name the exact ARNs it applies to (LeastPrivilegeRole grants none).',
        ]);
    });

    it("rejects sts:AssumeRole on every role of an account and expands mixed-case wildcards", async () => {
        const out = await checkResource(disallowPrivilegeEscalation, {
            type: "aws:iam/policy:Policy",
            name: "p",
            props: {
                policy: {
                    Statement: {
                        Effect: "Allow",
                        Action: ["STS:assumerole", "IAM:Put*Policy"],
                        Resource: "arn:aws:iam::111122223333:role/*",
                    },
                },
            },
        });
        assert.deepEqual(out.violations, [
            'IAM policy "p" statement #0 allows privilege-escalation actions "iam:PutGroupPolicy", "iam:PutRolePolicy", "iam:PutUserPolicy", "sts:AssumeRole" on Resource "arn:aws:iam::111122223333:role/*"; with them a leaked sync credential can grant itself more access, so drop them or name the exact ARNs they apply to (LeastPrivilegeRole grants none).',
        ]);
    });

    it('counts Action "*" as every escalation action, listing the first five', async () => {
        const out = await checkResource(
            disallowPrivilegeEscalation,
            rolePolicy(doc({ Effect: "Allow", Action: "*", Resource: "*" })),
        );
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /allows privilege-escalation actions "iam:AddUserToGroup", "iam:AttachGroupPolicy", "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:CreateAccessKey" and 21 more on Resource "\*";/,
        );
    });

    it("rejects escalation through an Allow with NotResource", async () => {
        const out = await checkResource(
            disallowPrivilegeEscalation,
            rolePolicy(doc({ Effect: "Allow", Action: "iam:CreateAccessKey", NotResource: ROLE })),
        );
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /allows privilege-escalation action "iam:CreateAccessKey" on every resource except NotResource "arn:aws:iam::111122223333:role\/crm-sync-worker";/,
        );
    });

    it('accepts read-only IAM actions on Resource "*" and a Deny of escalation actions', async () => {
        const out = await checkResource(
            disallowPrivilegeEscalation,
            rolePolicy(
                doc(
                    { Effect: "Allow", Action: ["iam:GetRole", "iam:ListRoles"], Resource: "*" },
                    { Effect: "Deny", Action: "iam:*", Resource: "*" },
                ),
            ),
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves a document it cannot parse to aws-iam-policy-disallow-wildcard-actions, which reports it", async () => {
        const out = await checkResource(
            disallowPrivilegeEscalation,
            rolePolicy({ Statement: [{ Effect: "Allow", Action: { bad: 1 } }] }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves an action that is unknown during preview to the framework", async () => {
        const out = await checkResource(
            disallowPrivilegeEscalation,
            rolePolicy({ Statement: [{ Effect: "Allow", Action: unknown.string, Resource: "*" }] }),
        );
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
