import * as aws from "@pulumi/aws";
import type { LegacyContext } from "./context";

/**
 * Offences of the `encryption` family beyond the base script (see `index.ts`), whose queue has no
 * encryption at all (`aws-sqs-queue-enable-kms-encryption`).
 */
export function addOffences(_ctx: LegacyContext): void {
    // A key that never rotates, can be deleted within a week, and hands kms:* to everyone
    // (aws-kms-key-enable-key-rotation, -configure-deletion-window, -disallow-external-full-access).
    new aws.kms.Key("crm-export", {
        description: "Encrypts the nightly CRM export",
        enableKeyRotation: false,
        deletionWindowInDays: 7,
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "EveryoneEverything",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "kms:*",
                    Resource: "*",
                },
            ],
        }),
    });

    // Queues "encrypted" with the AWS-managed key, and with SSE switched off explicitly.
    new aws.sqs.Queue("crm-export-events", { kmsMasterKeyId: "alias/aws/sqs" });
    new aws.sqs.Queue("erp-acks", { sqsManagedSseEnabled: false });

    // A topic and a stream that fan the same personal data out, unencrypted.
    new aws.sns.Topic("crm-changes", { name: "crm-changes" });
    new aws.kinesis.Stream("crm-changes", { shardCount: 1, retentionPeriod: 24 });

    // A custom event bus on the AWS-owned key.
    new aws.cloudwatch.EventBus("crm-sync", { name: "crm-sync" });

    // The script's heartbeat queue, tagged as outside the sync path, on SSE-SQS
    // (aws-sqs-queue-enforce-customer-managed-key, advisory).
    new aws.sqs.Queue("legacy-sync-heartbeat", {
        name: "crm-sync-heartbeat",
        sqsManagedSseEnabled: true,
        tags: { "gdpr-guard.io/sync-path": "false" },
    });

    // The nightly archive of CRM records, buffered by Firehose with no server-side encryption
    // (aws-kinesis-firehosedeliverystream-enable-server-side-encryption).
    new aws.kinesis.FirehoseDeliveryStream("legacy-crm-archive", {
        name: "crm-archive",
        destination: "extended_s3",
        extendedS3Configuration: {
            roleArn: "arn:aws:iam::111122223333:role/legacy-firehose",
            bucketArn: "arn:aws:s3:::crm-erp-archive",
        },
    });
}
