import * as assert from "node:assert/strict";
import { enableStorageEncryption } from "../../../../../../policypack/policies/encryption/aws/rds/enableStorageEncryption";
import { checkResource, unknown } from "../../../../harness";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const FIX =
    "set `storageEncrypted: true` and a customer-managed `kmsKeyId`; an existing database is re-created for it (restore an encrypted copy of its latest snapshot).";
const msg = (label: string, name: string, why: string) =>
    `${label} "${name}" does not encrypt its storage at rest (${why}), so the personal data it holds sits on disk and in its snapshots in plaintext; ${FIX}`;

const check = (type: string, props: Record<string, any>) =>
    checkResource(enableStorageEncryption, { type, name: "crm", props });

describe("aws-rds-database-enable-storage-encryption", () => {
    it("accepts an instance and a cluster that set `storageEncrypted: true`", async () => {
        for (const type of [INSTANCE, CLUSTER]) {
            const out = await check(type, {
                engine: "postgres",
                storageEncrypted: true,
                kmsKeyId: KEY,
            });
            assert.deepEqual(out.violations, []);
        }
    });

    it("rejects an instance that leaves `storageEncrypted` unset, since RDS defaults to unencrypted", async () => {
        const out = await check(INSTANCE, { engine: "mysql", instanceClass: "db.t3.micro" });
        assert.deepEqual(out.violations, [
            msg("RDS DB instance", "crm", "`storageEncrypted` is unset, which defaults to false"),
        ]);
    });

    it("rejects a `kmsKeyId` without `storageEncrypted` (a key alone does not encrypt)", async () => {
        const out = await check(INSTANCE, { engine: "mysql", kmsKeyId: KEY });
        assert.equal(out.violations.length, 1);
    });

    it('rejects `storageEncrypted: false` and the string "false", and accepts the string "true"', async () => {
        assert.deepEqual((await check(CLUSTER, { storageEncrypted: false })).violations, [
            msg("RDS DB cluster", "crm", "`storageEncrypted` is false"),
        ]);
        assert.equal((await check(CLUSTER, { storageEncrypted: "false" })).violations.length, 1);
        assert.deepEqual((await check(CLUSTER, { storageEncrypted: "true" })).violations, []);
    });

    it("rejects a wrongly typed `storageEncrypted` and shows the value", async () => {
        const out = await check(INSTANCE, { storageEncrypted: 1 });
        assert.deepEqual(out.violations, [
            msg("RDS DB instance", "crm", "`storageEncrypted` is 1, not a boolean"),
        ]);
    });

    it("accepts an Aurora Serverless v1 cluster, which AWS always encrypts, but not Serverless v2", async () => {
        const v1 = await check(CLUSTER, { engine: "aurora-postgresql", engineMode: "serverless" });
        assert.deepEqual(v1.violations, []);
        const v2 = await check(CLUSTER, {
            engine: "aurora-postgresql",
            engineMode: "provisioned",
            serverlessv2ScalingConfiguration: { minCapacity: 0.5, maxCapacity: 2 },
        });
        assert.deepEqual(v2.violations, [
            msg("RDS DB cluster", "crm", "`storageEncrypted` is unset, which defaults to false"),
        ]);
        const off = await check(CLUSTER, { engineMode: "serverless", storageEncrypted: false });
        assert.equal(off.violations.length, 1);
    });

    it("says so when a restore from a snapshot leaves `storageEncrypted` unset", async () => {
        const out = await check(INSTANCE, { snapshotIdentifier: "crm-2026-01-01" });
        assert.deepEqual(out.violations, [
            msg(
                "RDS DB instance",
                "crm",
                '`storageEncrypted` is unset and it is restored from snapshot "crm-2026-01-01", so it is encrypted only if that snapshot is',
            ),
        ]);
        const explicit = await check(INSTANCE, {
            snapshotIdentifier: "crm-2026-01-01",
            storageEncrypted: true,
        });
        assert.deepEqual(explicit.violations, []);
    });

    it("leaves a read replica to its source, which is the one checked", async () => {
        const out = await check(INSTANCE, { replicateSourceDb: "crm-primary" });
        assert.deepEqual(out.violations, []);
        assert.match(out.notApplicable ?? "", /read replica/);
    });

    it("leaves `storageEncrypted` unknown during preview to the framework", async () => {
        const out = await check(INSTANCE, { storageEncrypted: unknown.boolean });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /storageEncrypted/);
    });

    it("ignores other resource types, cluster instances included (their cluster is checked)", async () => {
        for (const type of [
            "aws:rds/clusterInstance:ClusterInstance",
            "aws:docdb/cluster:Cluster",
        ]) {
            assert.deepEqual((await check(type, {})).violations, []);
        }
    });
});
