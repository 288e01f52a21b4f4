import { enableEncryption } from "../../../../../../policypack/policies/encryption/aws/redshift/enableEncryption";
import { storageSwitchCases, type StorageSwitch } from "../../../../storageEncryptionCases";

const STORE: StorageSwitch = {
    type: "aws:redshift/cluster:Cluster",
    label: "Redshift cluster",
    prop: "encrypted",
    fix: "set `encrypted` to true (or leave it unset: AWS encrypts new clusters by default) with a customer-managed `kmsKeyId`.",
    unset: "encrypts",
};

describe("aws-redshift-cluster-enable-encryption", () => {
    for (const [title, test] of storageSwitchCases(enableEncryption, STORE)) {
        it(title, test);
    }
});
