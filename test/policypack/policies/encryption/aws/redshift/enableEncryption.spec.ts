import * as assert from "node:assert/strict";
import { enableEncryption } from "../../../../../../policypack/policies/encryption/aws/redshift/enableEncryption";
import {
    checkStore,
    storageSwitchCases,
    type StorageSwitch,
} from "../../../../storageEncryptionCases";

const STORE: StorageSwitch = {
    type: "aws:redshift/cluster:Cluster",
    label: "Redshift cluster",
    prop: "encrypted",
    fix: "set `encrypted` to true (or leave it unset: AWS encrypts new clusters by default) with a customer-managed `kmsKeyId`.",
};

describe("aws-redshift-cluster-enable-encryption", () => {
    for (const [title, test] of storageSwitchCases(enableEncryption, STORE)) {
        it(title, test);
    }

    it("accepts a cluster that leaves `encrypted` unset: AWS encrypts new clusters by default since 2025", async () => {
        const out = await checkStore(enableEncryption, STORE, { nodeType: "ra3.xlplus" });
        assert.deepEqual(out.violations, []);
    });
});
