import { enableStorageEncryption } from "../../../../../../policypack/policies/encryption/aws/docdb/enableStorageEncryption";
import { storageSwitchCases, type StorageSwitch } from "../../../../storageEncryptionCases";

const STORE: StorageSwitch = {
    type: "aws:docdb/cluster:Cluster",
    label: "DocumentDB cluster",
    prop: "storageEncrypted",
    fix: "set `storageEncrypted: true` and a customer-managed `kmsKeyId`; an existing cluster is re-created for it (restore an encrypted copy of its latest snapshot).",
    unset: "does not encrypt",
};

describe("aws-docdb-cluster-enable-storage-encryption", () => {
    for (const [title, test] of storageSwitchCases(enableStorageEncryption, STORE)) {
        it(title, test);
    }
});
