import { enableEncryption } from "../../../../../../policypack/policies/encryption/aws/efs/enableEncryption";
import { storageSwitchCases, type StorageSwitch } from "../../../../storageEncryptionCases";

const STORE: StorageSwitch = {
    type: "aws:efs/fileSystem:FileSystem",
    label: "EFS file system",
    prop: "encrypted",
    fix: "set `encrypted: true` and a customer-managed `kmsKeyId`; an existing file system is re-created for it (copy its data with DataSync or an AWS Backup restore).",
    unset: "does not encrypt",
};

describe("aws-efs-filesystem-enable-encryption", () => {
    for (const [title, test] of storageSwitchCases(enableEncryption, STORE)) {
        it(title, test);
    }
});
