import * as assert from "node:assert/strict";
import { disallowLongLivedKeys } from "../../../../../../policypack/policies/secrets/aws/iam/disallowLongLivedKeys";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:iam/accessKey:AccessKey";
const MESSAGE =
    'IAM access key "sync-bot-key" is a long-lived credential and should not exist; assume a role through IRSA (SecureSyncJob with LeastPrivilegeRole does) or issue short-lived keys from Vault\'s AWS secrets engine.';

describe("aws-iam-accesskey-disallow-long-lived-keys", () => {
    it("accepts a stack whose workloads assume a role and create no access key", async () => {
        const out = await checkResource(disallowLongLivedKeys, {
            type: "aws:iam/role:Role",
            name: "sync",
            props: { assumeRolePolicy: "{}" },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects an access key for a user", async () => {
        const out = await checkResource(disallowLongLivedKeys, {
            type: TYPE,
            name: "sync-bot-key",
            props: { user: "crm-erp-sync-bot" },
        });
        assert.deepEqual(out.violations, [MESSAGE]);
    });

    it("rejects an access key whose user is unknown during preview without waiting for it", async () => {
        const out = await checkResource(disallowLongLivedKeys, {
            type: TYPE,
            name: "sync-bot-key",
            props: { user: unknown.string },
        });
        assert.deepEqual(out.violations, [MESSAGE]);
        assert.equal(out.unknownDuringPreview, undefined);
    });

    it("rejects an inactive key as well, since it can be re-activated", async () => {
        const out = await checkResource(disallowLongLivedKeys, {
            type: TYPE,
            name: "sync-bot-key",
            props: { user: 42, status: "Inactive" },
        });
        assert.deepEqual(out.violations, [MESSAGE]);
    });

    it("ignores the IAM user itself", async () => {
        const out = await checkResource(disallowLongLivedKeys, {
            type: "aws:iam/user:User",
            name: "sync-bot",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });
});
