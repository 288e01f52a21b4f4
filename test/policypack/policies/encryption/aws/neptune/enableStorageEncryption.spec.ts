import { enableStorageEncryption } from "../../../../../../policypack/policies/encryption/aws/neptune/enableStorageEncryption";
import { storageSwitchCases, type StorageSwitch } from "../../../../storageEncryptionCases";

const STORE: StorageSwitch = {
    type: "aws:neptune/cluster:Cluster",
    label: "Neptune cluster",
    prop: "storageEncrypted",
    fix: "set `storageEncrypted: true` and a customer-managed `kmsKeyArn`; an existing cluster is re-created for it (restore an encrypted copy of its latest snapshot).",
    unset: "does not encrypt",
};

describe("aws-neptune-cluster-enable-storage-encryption", () => {
    for (const [title, test] of storageSwitchCases(enableStorageEncryption, STORE)) {
        it(title, test);
    }
});
