import * as assert from "node:assert/strict";
import { enableManagedMasterPassword } from "../../../../../../policypack/policies/secrets/aws/rds/enableManagedMasterPassword";
import { UNREADABLE_SECRET } from "../../../../../../policypack/lib/secrets/detector";
import { checkResource, unknown } from "../../../../harness";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const compliant = {
    engine: "postgres",
    username: "sync_admin",
    manageMasterUserPassword: true,
};

describe("aws-rds-instance-enable-managed-master-password", () => {
    it("accepts an instance whose master password RDS manages", async () => {
        assert.deepEqual(
            (
                await checkResource(enableManagedMasterPassword, {
                    type: INSTANCE,
                    name: "crm-db",
                    props: compliant,
                })
            ).violations,
            [],
        );
    });

    it("rejects an instance with a literal password", async () => {
        const out = await checkResource(enableManagedMasterPassword, {
            type: INSTANCE,
            name: "crm-db",
            props: {
                engine: "postgres",
                username: "sync_admin",
                password: "Adm1n!CrmErp#2am",
            },
        });
        assert.deepEqual(out.violations, [
            'RDS instance "crm-db" sets a literal `password` (detector "secret-like-key"); remove it and set `manageMasterUserPassword: true` so RDS keeps and rotates it in Secrets Manager.',
        ]);
    });

    it("calls a password from encrypted stack config static, not literal", async () => {
        const out = await checkResource(enableManagedMasterPassword, {
            type: INSTANCE,
            name: "crm-db",
            props: { engine: "postgres", username: "sync_admin", password: UNREADABLE_SECRET },
        });
        assert.deepEqual(out.violations, [
            `RDS instance "crm-db" sets a static \`password\` (detector "stored-secret": from encrypted stack config, so encrypted in the state but still a long-lived credential in the resource's inputs); remove it and set \`manageMasterUserPassword: true\` so RDS keeps and rotates it in Secrets Manager.`,
        ]);
    });

    it("rejects a cluster with a literal master password", async () => {
        const out = await checkResource(enableManagedMasterPassword, {
            type: CLUSTER,
            name: "erp-aurora",
            props: {
                engine: "aurora-postgresql",
                masterPassword: "hunter22hunter22",
            },
        });
        assert.deepEqual(out.violations, [
            'RDS cluster "erp-aurora" sets a literal `masterPassword` (detector "secret-like-key"); remove it and set `manageMasterUserPassword: true` so RDS keeps and rotates it in Secrets Manager.',
        ]);
    });

    it("accepts an empty password field", async () => {
        assert.deepEqual(
            (
                await checkResource(enableManagedMasterPassword, {
                    type: INSTANCE,
                    name: "db",
                    props: { ...compliant, password: "" },
                })
            ).violations,
            [],
        );
    });

    it("leaves a password that is unknown during preview to the framework", async () => {
        const out = await checkResource(enableManagedMasterPassword, {
            type: INSTANCE,
            name: "db",
            props: { password: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("does not throw on a wrongly typed password", async () => {
        assert.deepEqual(
            (
                await checkResource(enableManagedMasterPassword, {
                    type: CLUSTER,
                    name: "db",
                    props: { masterPassword: 42 },
                })
            ).violations,
            [],
        );
    });
});
