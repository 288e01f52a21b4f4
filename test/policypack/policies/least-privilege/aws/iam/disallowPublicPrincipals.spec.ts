import * as assert from "node:assert/strict";
import { disallowPublicPrincipals } from "../../../../../../policypack/policies/least-privilege/aws/iam/disallowPublicPrincipals";
import { checkResource, unknown } from "../../../../harness";

const QUEUE = "arn:aws:sqs:eu-west-1:111122223333:crm-events";
const TOPIC = "arn:aws:sns:eu-west-1:111122223333:crm-changes";
const doc = (...statements: object[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements });
const fromTopic = {
    Sid: "FromTopic",
    Effect: "Allow",
    Principal: { Service: "sns.amazonaws.com" },
    Action: "sqs:SendMessage",
    Resource: QUEUE,
    Condition: { ArnEquals: { "aws:SourceArn": TOPIC } },
};
const queuePolicy = (policy: unknown) => ({
    type: "aws:sqs/queuePolicy:QueuePolicy",
    name: "events",
    props: { queueUrl: "https://sqs", policy },
});
const REASON =
    "anyone could then reach the personal data it holds, so name the principals that use it or add one of those conditions (EncryptedQueue does for queues).";

describe("aws-iam-resourcepolicy-disallow-public-principals", () => {
    it("accepts a queue policy that lets one topic send", async () => {
        const out = await checkResource(disallowPublicPrincipals, queuePolicy(doc(fromTopic)));
        assert.deepEqual(out.violations, []);
    });

    it('rejects Principal "*" on a queue with no condition', async () => {
        const out = await checkResource(
            disallowPublicPrincipals,
            queuePolicy(doc({ ...fromTopic, Principal: "*", Condition: undefined })),
        );
        assert.deepEqual(out.violations, [
            `SQS queue policy "events" statement "FromTopic" allows Principal "*" to call "sqs:SendMessage" with no aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition; ${REASON}`,
        ]);
    });

    it('accepts Principal "*" restricted by aws:SourceArn', async () => {
        const out = await checkResource(
            disallowPublicPrincipals,
            queuePolicy(doc({ ...fromTopic, Principal: "*" })),
        );
        assert.deepEqual(out.violations, []);
    });

    it('rejects {"AWS": "*"} in a bucket policy and in a topic\'s inline policy', async () => {
        const bucket = await checkResource(disallowPublicPrincipals, {
            type: "aws:s3/bucketPolicy:BucketPolicy",
            name: "exports",
            props: {
                bucket: "exports",
                policy: {
                    Statement: {
                        Effect: "Allow",
                        Principal: { AWS: ["*"] },
                        Action: ["s3:GetObject"],
                        Resource: "arn:aws:s3:::exports/*",
                    },
                },
            },
        });
        assert.deepEqual(bucket.violations, [
            `S3 bucket policy "exports" statement #0 allows Principal "*" to call "s3:GetObject" with no aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition; ${REASON}`,
        ]);
        const topic = await checkResource(disallowPublicPrincipals, {
            type: "aws:sns/topic:Topic",
            name: "t",
            props: {
                policy: doc({
                    Effect: "Allow",
                    Principal: "*",
                    Action: "SNS:Publish",
                    Resource: TOPIC,
                }),
            },
        });
        assert.match(
            topic.violations[0] ?? "",
            /^SNS topic "t" policy statement #0 allows Principal "\*" to call "SNS:Publish"/,
        );
    });

    it('accepts a KMS key policy with Resource "*" for the account root', async () => {
        const out = await checkResource(disallowPublicPrincipals, {
            type: "aws:kms/key:Key",
            name: "k",
            props: {
                policy: doc({
                    Sid: "Root",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111122223333:root" },
                    Action: "kms:*",
                    Resource: "*",
                }),
            },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a public KMS key policy", async () => {
        const out = await checkResource(disallowPublicPrincipals, {
            type: "aws:kms/key:Key",
            name: "k",
            props: {
                policy: doc({
                    Effect: "Allow",
                    Principal: "*",
                    Action: "kms:Decrypt",
                    Resource: "*",
                }),
            },
        });
        assert.equal(out.violations.length, 1);
    });

    it('ignores a queue with no inline policy, and a Deny for Principal "*"', async () => {
        const none = await checkResource(disallowPublicPrincipals, {
            type: "aws:sqs/queue:Queue",
            props: { name: "q" },
        });
        const deny = await checkResource(
            disallowPublicPrincipals,
            queuePolicy(
                doc(fromTopic, {
                    Effect: "Deny",
                    Principal: "*",
                    Action: "sqs:*",
                    Resource: QUEUE,
                    Condition: { Bool: { "aws:SecureTransport": false } },
                }),
            ),
        );
        assert.deepEqual([...none.violations, ...deny.violations], []);
    });

    it("reports a queue policy it cannot parse", async () => {
        const out = await checkResource(disallowPublicPrincipals, queuePolicy("not json"));
        assert.match(
            out.violations[0] ?? "",
            /^SQS queue policy "events" cannot be checked: The policy document is not valid JSON/,
        );
    });

    it("leaves a policy that is unknown during preview to the framework", async () => {
        const out = await checkResource(disallowPublicPrincipals, queuePolicy(unknown.string));
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
