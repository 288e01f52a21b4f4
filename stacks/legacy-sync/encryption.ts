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

    // Where the script keeps its copy of the CRM: a MySQL replica database with unencrypted
    // storage (aws-rds-database-enable-storage-encryption), the box it runs on with its root volume
    // left to the AMI and a data volume unencrypted (aws-ebs-volume-enable-encryption), an export
    // share (aws-efs-filesystem-enable-encryption), a single-node Redis cache that cannot encrypt at
    // rest (aws-elasticache-cache-enable-at-rest-encryption), a search index without encryptAtRest
    // (aws-opensearch-domain-enable-encryption-at-rest), a warehouse with encryption turned off
    // (aws-redshift-cluster-enable-encryption) and a document store (aws-docdb-cluster-enable-storage-encryption).
    new aws.rds.Instance("crm-copy", {
        engine: "mysql",
        instanceClass: "db.t3.medium",
        allocatedStorage: 50,
        manageMasterUserPassword: true,
        username: "sync",
    });
    new aws.ec2.Instance("legacy-sync-box", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 100, encrypted: false }],
    });
    new aws.efs.FileSystem("crm-exports", {});
    new aws.elasticache.Cluster("crm-cache", {
        engine: "redis",
        nodeType: "cache.t3.micro",
        numCacheNodes: 1,
    });
    new aws.opensearch.Domain("crm-search", { engineVersion: "OpenSearch_2.11" });
    new aws.redshift.Cluster("crm-warehouse", {
        clusterIdentifier: "crm-warehouse",
        nodeType: "ra3.xlplus",
        encrypted: "false",
        manageMasterPassword: true,
        masterUsername: "sync",
    });
    // And the graph of who-knows-whom the CRM feeds (aws-neptune-cluster-enable-storage-encryption).
    new aws.neptune.Cluster("crm-relations", { engine: "neptune" });
    new aws.docdb.Cluster("crm-documents", {
        manageMasterUserPassword: true,
        masterUsername: "sync",
    });

    // The sync cursors, on DynamoDB's default AWS-owned key, and the script's log group without a
    // key of its own (aws-kms-datastore-enforce-customer-managed-key, advisory).
    new aws.dynamodb.Table("sync-cursors", {
        hashKey: "source",
        attributes: [{ name: "source", type: "S" }],
        billingMode: "PAY_PER_REQUEST",
    });
    new aws.cloudwatch.LogGroup("legacy-sync", { retentionInDays: 30 });
}
