import * as assert from "node:assert/strict";
import { disallowSecretData } from "../../../../../../policypack/policies/secrets/kubernetes/core/disallowSecretData";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "kubernetes:core/v1:ConfigMap";
const compliant = {
    "sync.properties":
        "crm.url=https://crm.internal.example.com/api\ndb.password_file=/vault/secrets/db\nbatch.size=500\n",
    LOG_LEVEL: "INFO",
};

describe("kubernetes-core-configmap-disallow-secret-data", () => {
    const check = (data: any) =>
        checkResource(disallowSecretData, {
            type: TYPE,
            name: "sync-config",
            props: { metadata: { name: "sync-config" }, data },
        });

    it("accepts configuration that only references Vault-rendered files", async () => {
        assert.deepEqual((await check(compliant)).violations, []);
    });

    it("rejects a password assignment inside a properties file and names the variable", async () => {
        const out = await check({
            ...compliant,
            "db.properties": "db.user=sync\ndb.password=hunter22\n",
        });
        assert.deepEqual(out.violations, [
            'ConfigMap "sync-config" key "db.properties" holds a secret (detector "secret-like-key" at "db.password"); move it to Vault and let the Vault agent render it into the pod (SecureSyncJob does).',
        ]);
    });

    it("rejects a literal under a secret-like key and a known-format token under any key", async () => {
        const out = await check({
            API_TOKEN: "tok-erp-sync-2024",
            NOTES: "slack xoxb-000000000000-000000000000-FAKEfakeFAKEfakeFAKEfake",
        });
        assert.equal(out.violations.length, 2);
        assert.match(out.violations[0], /key "API_TOKEN" .*detector "secret-like-key"/);
        assert.match(out.violations[1], /key "NOTES" .*detector "slack-token"/);
    });

    it("leaves a value that is unknown during preview to the framework", async () => {
        const out = await check({ API_TOKEN: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("does not throw on wrongly typed data", async () => {
        assert.deepEqual((await check("x")).violations, []);
        assert.deepEqual((await check({ a: 1, b: null })).violations, []);
    });
});
