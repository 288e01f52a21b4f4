import * as assert from "node:assert/strict";
import { enforceCustomerManagedKey } from "../../../../../../policypack/policies/encryption/aws/kms/enforceCustomerManagedKey";
import { checkResource, unknown } from "../../../../harness";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const WHY =
    "which this organisation cannot restrict, rotate on its own terms or revoke to make the data unreadable";
const check = (type: string, props: Record<string, any>, config: Record<string, any> = {}) =>
    checkResource(enforceCustomerManagedKey, { type, name: "crm", props }, config);

describe("aws-kms-datastore-enforce-customer-managed-key", () => {
    it("accepts each store with a customer-managed key in its key property", async () => {
        const cases: [string, Record<string, any>][] = [
            ["aws:rds/instance:Instance", { storageEncrypted: true, kmsKeyId: KEY }],
            ["aws:rds/cluster:Cluster", { storageEncrypted: true, kmsKeyId: KEY }],
            ["aws:neptune/cluster:Cluster", { storageEncrypted: true, kmsKeyArn: KEY }],
            ["aws:opensearch/domain:Domain", { encryptAtRest: { enabled: true, kmsKeyId: KEY } }],
            [
                "aws:dynamodb/table:Table",
                { serverSideEncryption: { enabled: true, kmsKeyArn: KEY } },
            ],
            ["aws:backup/vault:Vault", { kmsKeyArn: KEY }],
            ["aws:cloudwatch/logGroup:LogGroup", { kmsKeyId: "alias/crm-logs" }],
        ];
        for (const [type, props] of cases) {
            assert.deepEqual((await check(type, props)).violations, [], type);
        }
    });

    it("reports an encrypted database that falls back to the AWS-managed key", async () => {
        const out = await check("aws:rds/instance:Instance", { storageEncrypted: true });
        assert.deepEqual(out.violations, [
            `RDS DB instance "crm" is encrypted with the AWS-managed key "alias/aws/rds", because \`kmsKeyId\` is unset, ${WHY}; name a customer-managed KMS key in \`kmsKeyId\`.`,
        ]);
    });

    it("reports an AWS-managed alias named explicitly", async () => {
        const out = await check("aws:efs/fileSystem:FileSystem", {
            encrypted: true,
            kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/elasticfilesystem",
        });
        assert.deepEqual(out.violations, [
            `EFS file system "crm" is encrypted with the AWS-managed key "alias/aws/elasticfilesystem" named in \`kmsKeyId\`, ${WHY}; name a customer-managed KMS key in \`kmsKeyId\`.`,
        ]);
    });

    it("reports a DynamoDB table on its default AWS-owned key, and on the AWS-managed key when enabled without one", async () => {
        const owned = await check("aws:dynamodb/table:Table", { hashKey: "id" });
        assert.deepEqual(owned.violations, [
            `DynamoDB table "crm" is encrypted with a key AWS owns, because \`serverSideEncryption.enabled\` is not true, ${WHY}; set \`serverSideEncryption: { enabled: true, kmsKeyArn: <customer-managed key ARN> }\`.`,
        ]);
        const managed = await check("aws:dynamodb/table:Table", {
            serverSideEncryption: { enabled: true },
        });
        assert.match(
            managed.violations[0],
            /AWS-managed key "alias\/aws\/dynamodb", because `serverSideEncryption.kmsKeyArn` is unset/,
        );
    });

    it("with `requireCustomerManagedKey: false` accepts AWS-managed keys but still reports keys AWS owns", async () => {
        const relaxed = { requireCustomerManagedKey: false };
        const managed = await check("aws:rds/cluster:Cluster", { storageEncrypted: true }, relaxed);
        assert.deepEqual(managed.violations, []);
        const owned = await check("aws:cloudwatch/logGroup:LogGroup", {}, relaxed);
        assert.deepEqual(owned.violations, [
            `CloudWatch log group "crm" is encrypted with a key AWS owns, because \`kmsKeyId\` is unset, ${WHY}; name a customer-managed KMS key in \`kmsKeyId\`.`,
        ]);
        const cache = await check(
            "aws:elasticache/replicationGroup:ReplicationGroup",
            { engine: "valkey" },
            relaxed,
        );
        assert.equal(cache.violations.length, 1, "ElastiCache's default key is owned by AWS");
    });

    it("leaves an unencrypted store to the storage-encryption rules", async () => {
        for (const [type, props] of [
            ["aws:rds/instance:Instance", {}],
            ["aws:redshift/cluster:Cluster", { encrypted: "false" }],
            ["aws:opensearch/domain:Domain", {}],
        ] as const) {
            assert.deepEqual((await check(type, props)).violations, [], type);
        }
    });

    it("does not apply to stores tagged as outside the sync path, or to read replicas", async () => {
        const tagged = await check("aws:backup/vault:Vault", {
            tags: { "gdpr-guard.io/sync-path": "false" },
        });
        assert.deepEqual(tagged.violations, []);
        assert.match(tagged.notApplicable ?? "", /outside the sync path/);
        const replica = await check("aws:rds/instance:Instance", { replicateSourceDb: "crm" });
        assert.match(replica.notApplicable ?? "", /read replica/);
    });

    it("reads a wrongly typed key or block without throwing and reports the fallback key", async () => {
        const out = await check("aws:dynamodb/table:Table", { serverSideEncryption: "on" });
        assert.match(out.violations[0], /a key AWS owns/);
        const key = await check("aws:backup/vault:Vault", { kmsKeyArn: 42 });
        assert.match(key.violations[0], /"alias\/aws\/backup"/);
    });

    it("leaves a key unknown during preview to the framework", async () => {
        const out = await check("aws:backup/vault:Vault", { kmsKeyArn: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kmsKeyArn/);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual((await check("aws:sqs/queue:Queue", {})).violations, []);
    });
});
