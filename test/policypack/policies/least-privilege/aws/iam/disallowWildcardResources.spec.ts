import * as assert from "node:assert/strict";
import { disallowWildcardResources } from "../../../../../../policypack/policies/least-privilege/aws/iam/disallowWildcardResources";
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
const SCOPE =
    "resource-level permissions, so the statement should name the ARNs the job reads or writes (LeastPrivilegeRole does).";

describe("aws-iam-policy-disallow-wildcard-resources", () => {
    it("accepts actions scoped to an exact queue ARN", async () => {
        const out = await checkResource(disallowWildcardResources, rolePolicy(doc(statement)));
        assert.deepEqual(out.violations, []);
    });

    it('rejects an action that supports resource-level permissions on Resource "*"', async () => {
        const out = await checkResource(
            disallowWildcardResources,
            rolePolicy(doc({ ...statement, Action: "sqs:SendMessage", Resource: "*" })),
        );
        assert.deepEqual(out.violations, [
            `IAM role policy "sync" statement "SendEvents" allows Action "sqs:SendMessage" on Resource "*"; this action supports ${SCOPE}`,
        ]);
    });

    it('accepts actions that only work on "*", such as sts:GetCallerIdentity and ec2:DescribeInstances', async () => {
        const out = await checkResource(
            disallowWildcardResources,
            rolePolicy(
                doc({
                    Effect: "Allow",
                    Action: ["STS:getcalleridentity", "ec2:DescribeInstances"],
                    Resource: "*",
                }),
            ),
        );
        assert.deepEqual(out.violations, []);
    });

    it("expands wildcards with the action data and names only the patterns that could be scoped", async () => {
        const out = await checkResource(disallowWildcardResources, {
            type: "aws:iam/policy:Policy",
            name: "p",
            props: {
                policy: {
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["sts:GetCallerIdentity", "S3:Get*", "kms:Decrypt"],
                            Resource: ["*"],
                        },
                    ],
                },
            },
        });
        assert.deepEqual(out.violations, [
            `IAM policy "p" statement #0 allows Action "S3:Get*", "kms:Decrypt" on Resource "*"; these actions support ${SCOPE}`,
        ]);
    });

    it('accepts ec2:Describe* on Resource "*" (mostly wildcard-only reads), not ec2:*Attribute or s3:Get*', async () => {
        const statement = (Action: string[]) => ({
            type: "aws:iam/policy:Policy",
            name: "p",
            props: { policy: { Statement: [{ Effect: "Allow", Action, Resource: "*" }] } },
        });
        const listing = await checkResource(
            disallowWildcardResources,
            statement(["ec2:Describe*"]),
        );
        assert.deepEqual(listing.violations, []);
        const scoped = await checkResource(
            disallowWildcardResources,
            statement(["ec2:Describe*", "ec2:Describe*Attribute", "s3:Get*"]),
        );
        assert.deepEqual(scoped.violations, [
            `IAM policy "p" statement #0 allows Action "ec2:Describe*Attribute", "s3:Get*" on Resource "*"; these actions support ${SCOPE}`,
        ]);
    });

    it("rejects a mostly wildcard-only pattern that also grants a scopable write", async () => {
        const out = await checkResource(disallowWildcardResources, {
            type: "aws:iam/policy:Policy",
            name: "p",
            props: {
                policy: { Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] },
            },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /allows Action "ec2:\*" on Resource "\*"/);
    });

    it('rejects Action "*" on Resource "*" without expanding it', async () => {
        const out = await checkResource(
            disallowWildcardResources,
            rolePolicy(doc({ Effect: "Allow", Action: "*", Resource: "*" })),
        );
        assert.deepEqual(out.violations, [
            `IAM role policy "sync" statement #0 allows Action "*" on Resource "*"; this action supports ${SCOPE}`,
        ]);
    });

    it("treats an action the data does not know as scopable (fail closed)", async () => {
        const out = await checkResource(
            disallowWildcardResources,
            rolePolicy(doc({ Effect: "Allow", Action: "newsvc:DoThing", Resource: "*" })),
        );
        assert.deepEqual(out.violations, [
            `IAM role policy "sync" statement #0 allows Action "newsvc:DoThing" on Resource "*"; this action supports ${SCOPE}`,
        ]);
    });

    it('accepts a Deny on Resource "*"', async () => {
        const out = await checkResource(
            disallowWildcardResources,
            rolePolicy(doc(statement, { Effect: "Deny", Action: "s3:*", Resource: "*" })),
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves a document it cannot parse to aws-iam-policy-disallow-wildcard-actions, which reports it", async () => {
        const out = await checkResource(
            disallowWildcardResources,
            rolePolicy({ Version: "2012-10-17" }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves a resource that is unknown during preview to the framework", async () => {
        const out = await checkResource(
            disallowWildcardResources,
            rolePolicy({
                Statement: [
                    { Effect: "Allow", Action: "sqs:SendMessage", Resource: unknown.string },
                ],
            }),
        );
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it('ignores KMS key policies, where Resource "*" means the key itself', async () => {
        const out = await checkResource(disallowWildcardResources, {
            type: "aws:kms/key:Key",
            props: {
                policy: doc({
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111122223333:root" },
                    Action: "kms:*",
                    Resource: "*",
                }),
            },
        });
        assert.deepEqual(out.violations, []);
    });

    it("reads an IAM Identity Center permission set's inline policy (object form) like any identity policy", async () => {
        const permissionSet = (inlinePolicy: unknown) => ({
            type: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
            name: "operators",
            props: { inlinePolicy },
        });
        const wide = { Version: "2012-10-17", Statement: [{ ...statement, Resource: "*" }] };
        const out = await checkResource(disallowWildcardResources, permissionSet(wide));
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^IAM Identity Center permission set inline policy "operators" statement "SendEvents" allows Action "sqs:SendMessage", "sqs:GetQueueUrl" on Resource "\*"/,
        );
        const scoped = await checkResource(
            disallowWildcardResources,
            permissionSet(doc(statement)),
        );
        assert.deepEqual(scoped.violations, []);
    });
});
