import * as assert from "node:assert/strict";
import { disallowWildcardActions } from "../../../../../../policypack/policies/least-privilege/aws/iam/disallowWildcardActions";
import { checkResource, unknown } from "../../../../harness";

const QUEUE = "arn:aws:sqs:eu-west-1:111122223333:crm-events";
const statement = {
    Sid: "SendEvents",
    Effect: "Allow",
    Action: ["sqs:SendMessage", "sqs:GetQueueUrl"],
    Resource: QUEUE,
};
const doc = (...statements: object[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements });
const rolePolicy = (policy: unknown) => ({
    type: "aws:iam/rolePolicy:RolePolicy",
    name: "sync",
    props: { role: "sync", policy },
});
const FIX =
    'a sync job should be granted only the actions it calls, so list them (e.g. "sqs:SendMessage") instead (LeastPrivilegeRole does).';

describe("aws-iam-policy-disallow-wildcard-actions", () => {
    it("accepts a role policy that lists exact actions on an exact queue", async () => {
        const out = await checkResource(disallowWildcardActions, rolePolicy(doc(statement)));
        assert.deepEqual(out.violations, []);
    });

    it('rejects Action "*" in a user policy built with JSON.stringify', async () => {
        const out = await checkResource(disallowWildcardActions, {
            type: "aws:iam/userPolicy:UserPolicy",
            name: "sync-bot-everything",
            props: { user: "bot", policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) },
        });
        assert.deepEqual(out.violations, [
            `IAM user policy "sync-bot-everything" statement #0 allows Action "*", every action of every service; ${FIX}`,
        ]);
    });

    it("rejects a mixed-case service wildcard in a single-statement object and names the Sid", async () => {
        const out = await checkResource(disallowWildcardActions, {
            type: "aws:iam/policy:Policy",
            name: "p",
            props: {
                policy: {
                    Statement: {
                        Sid: "AllS3",
                        Effect: "Allow",
                        Action: ["S3:*", "sqs:SendMessage"],
                        Resource: "*",
                    },
                },
            },
        });
        assert.deepEqual(out.violations, [
            `IAM policy "p" statement "AllS3" allows Action "S3:*", every action of the service; ${FIX}`,
        ]);
    });

    it('accepts a narrower wildcard such as "s3:Get*"', async () => {
        const out = await checkResource(
            disallowWildcardActions,
            rolePolicy(doc({ ...statement, Action: "s3:Get*" })),
        );
        assert.deepEqual(out.violations, []);
    });

    it('accepts a Deny with Action "*" or NotAction', async () => {
        const out = await checkResource(
            disallowWildcardActions,
            rolePolicy(
                doc(
                    statement,
                    {
                        Effect: "Deny",
                        Action: "*",
                        Resource: "*",
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                    { Effect: "Deny", NotAction: ["sqs:*"], Resource: "*" },
                ),
            ),
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects an Allow with NotAction", async () => {
        const out = await checkResource(
            disallowWildcardActions,
            rolePolicy(doc(statement, { Effect: "Allow", NotAction: "iam:*", Resource: QUEUE })),
        );
        assert.deepEqual(out.violations, [
            'IAM role policy "sync" statement #1 allows every action except NotAction "iam:*"; an Allow with NotAction grants everything not listed, including services added later, so list the allowed actions under Action instead (LeastPrivilegeRole does).',
        ]);
    });

    it("rejects an Allow with NotResource", async () => {
        const out = await checkResource(
            disallowWildcardActions,
            rolePolicy(
                doc({
                    ...statement,
                    Resource: undefined,
                    NotResource: "arn:aws:sqs:eu-west-1:111122223333:audit",
                }),
            ),
        );
        assert.deepEqual(out.violations, [
            'IAM role policy "sync" statement "SendEvents" allows its actions on every resource except NotResource "arn:aws:sqs:eu-west-1:111122223333:audit"; an Allow with NotResource reaches every other resource in the account, so name the resources the job uses under Resource instead (LeastPrivilegeRole does).',
        ]);
    });

    it("checks a role's inline policies, including getPolicyDocument output", async () => {
        const rendered = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "", Effect: "Allow", Action: "sqs:*", Resource: QUEUE }],
        });
        const out = await checkResource(disallowWildcardActions, {
            type: "aws:iam/role:Role",
            name: "sync",
            props: {
                assumeRolePolicy: doc({
                    Effect: "Allow",
                    Action: "*",
                    Principal: { Service: "ec2.amazonaws.com" },
                }),
                inlinePolicies: [
                    { name: "ok", policy: doc(statement) },
                    { name: "queue", policy: rendered },
                    { name: "empty" },
                ],
            },
        });
        assert.deepEqual(out.violations, [
            `IAM role "sync" inline policy "queue" statement #0 allows Action "sqs:*", every action of the service; ${FIX}`,
        ]);
    });

    it("reports a document it cannot parse instead of passing it", async () => {
        const out = await checkResource(
            disallowWildcardActions,
            rolePolicy('{"Statement": [{"Effect": "Allow", "Action": "*"'),
        );
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^IAM role policy "sync" cannot be checked: The policy document is not valid JSON \(.+\); write it as a JSON policy document/,
        );
    });

    it("reports a policy of the wrong type without throwing", async () => {
        const out = await checkResource(disallowWildcardActions, rolePolicy(42));
        assert.deepEqual(out.violations, [
            'IAM role policy "sync" cannot be checked: The policy document is a number, not a JSON object; write it as a JSON policy document (aws.iam.getPolicyDocument or JSON.stringify of an object) so it can be verified.',
        ]);
        const role = await checkResource(disallowWildcardActions, {
            type: "aws:iam/role:Role",
            props: { inlinePolicies: "nope" },
        });
        assert.deepEqual(role.violations, []);
    });

    it("leaves a policy that is unknown during preview to the framework", async () => {
        const out = await checkResource(disallowWildcardActions, rolePolicy(unknown.string));
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /policy/);
    });

    it("ignores resource policies and other types", async () => {
        const out = await checkResource(disallowWildcardActions, {
            type: "aws:sqs/queuePolicy:QueuePolicy",
            props: {
                policy: doc({
                    Effect: "Allow",
                    Action: "*",
                    Principal: { AWS: "arn:aws:iam::111122223333:root" },
                }),
            },
        });
        assert.deepEqual(out.violations, []);
    });

    describe("an IAM Identity Center permission set inline policy", () => {
        const permissionSet = (inlinePolicy: unknown) => ({
            type: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
            name: "crm-operators",
            props: {
                instanceArn: "arn:aws:sso:::instance/ssoins-1",
                permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1",
                inlinePolicy,
            },
        });

        it("accepts exact actions, as a JSON string and as an object", async () => {
            for (const policy of [doc(statement), JSON.parse(doc(statement))]) {
                const out = await checkResource(disallowWildcardActions, permissionSet(policy));
                assert.deepEqual(out.violations, []);
            }
        });

        it('rejects Action "*" and names the permission set\'s inline policy', async () => {
            const out = await checkResource(
                disallowWildcardActions,
                permissionSet(doc({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" })),
            );
            assert.deepEqual(out.violations, [
                `IAM Identity Center permission set inline policy "crm-operators" statement "Admin" allows Action "*", every action of every service; ${FIX}`,
            ]);
        });

        it("leaves an inline policy unknown during preview to the framework", async () => {
            const out = await checkResource(disallowWildcardActions, permissionSet(unknown.string));
            assert.deepEqual(out.violations, []);
            assert.match(out.unknownDuringPreview ?? "", /inlinePolicy/);
        });
    });
});
