import * as assert from "node:assert/strict";
import { enableStorageEncryption } from "../../../../../../policypack/policies/encryption/aws/neptune/enableStorageEncryption";
import {
    checkStore,
    storageSwitchCases,
    unencrypted,
    type StorageSwitch,
} from "../../../../storageEncryptionCases";

const STORE: StorageSwitch = {
    type: "aws:neptune/cluster:Cluster",
    label: "Neptune cluster",
    prop: "storageEncrypted",
    fix: "set `storageEncrypted: true` and a customer-managed `kmsKeyArn`; an existing cluster is re-created for it (restore an encrypted copy of its latest snapshot).",
};

describe("aws-neptune-cluster-enable-storage-encryption", () => {
    for (const [title, test] of storageSwitchCases(enableStorageEncryption, STORE)) {
        it(title, test);
    }

    it("rejects a store that leaves the switch unset, since it defaults to unencrypted", async () => {
        const out = await checkStore(enableStorageEncryption, STORE, {});
        assert.deepEqual(out.violations, [
            unencrypted(STORE, `\`${STORE.prop}\` is unset, which defaults to false`),
        ]);
    });
});
