import * as assert from "node:assert/strict";
import { enableEncryption } from "../../../../../../policypack/policies/encryption/aws/efs/enableEncryption";
import {
    checkStore,
    storageSwitchCases,
    unencrypted,
    type StorageSwitch,
} from "../../../../storageEncryptionCases";

const STORE: StorageSwitch = {
    type: "aws:efs/fileSystem:FileSystem",
    label: "EFS file system",
    prop: "encrypted",
    fix: "set `encrypted: true` and a customer-managed `kmsKeyId`; an existing file system is re-created for it (copy its data with DataSync or an AWS Backup restore).",
};

describe("aws-efs-filesystem-enable-encryption", () => {
    for (const [title, test] of storageSwitchCases(enableEncryption, STORE)) {
        it(title, test);
    }

    it("rejects a store that leaves the switch unset, since it defaults to unencrypted", async () => {
        const out = await checkStore(enableEncryption, STORE, {});
        assert.deepEqual(out.violations, [
            unencrypted(STORE, `\`${STORE.prop}\` is unset, which defaults to false`),
        ]);
    });
});
