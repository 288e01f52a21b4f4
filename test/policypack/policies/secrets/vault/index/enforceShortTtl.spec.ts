import * as assert from "node:assert/strict";
import { enforceShortTtl } from "../../../../../../policypack/policies/secrets/vault/index/enforceShortTtl";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "vault:index/token:Token";
const compliant = { ttl: "15m", policies: ["crm-erp-sync"], renewable: true };
const FIX = "let the workload log in with its own identity (VaultWorkloadIdentity does)";

describe("vault-index-token-enforce-short-ttl", () => {
    const check = (props: any, config = {}) =>
        checkResource(enforceShortTtl, { type: TYPE, name: "sync", props }, config);

    it("accepts a short-lived, parented token with a scoped policy", async () => {
        assert.deepEqual((await check(compliant)).violations, []);
        assert.deepEqual((await check({ ...compliant, ttl: "3600" })).violations, []);
    });

    it("rejects a token without ttl", async () => {
        assert.deepEqual((await check({ policies: ["crm-erp-sync"] })).violations, [
            `Vault token "sync" has no \`ttl\`, so it lives as long as the mount's default (32 days); set \`ttl\` to at most 3600s (1h) or ${FIX}.`,
        ]);
    });

    it("rejects a ttl longer than the maximum and accepts it when config raises the maximum", async () => {
        assert.deepEqual((await check({ ...compliant, ttl: "768h" })).violations, [
            `Vault token "sync" has \`ttl\` "768h", longer than the 3600s (1h) allowed; shorten it or ${FIX}.`,
        ]);
        assert.deepEqual(
            (await check({ ...compliant, ttl: "2h" }, { maxTokenTtl: 7200 })).violations,
            [],
        );
    });

    it("rejects a ttl it cannot read and a ttl of 0", async () => {
        assert.deepEqual((await check({ ...compliant, ttl: "forever" })).violations, [
            `Vault token "sync" has a \`ttl\` of "forever" that cannot be read as a duration; set \`ttl\` to at most 3600s (1h) or ${FIX}.`,
        ]);
        assert.match(
            (await check({ ...compliant, ttl: "0" })).violations[0],
            /0 means the system default/,
        );
    });

    it("rejects periodic, orphan and root tokens, one message each", async () => {
        const out = await check({
            ...compliant,
            period: "24h",
            noParent: true,
            policies: ["root"],
        });
        assert.deepEqual(out.violations, [
            `Vault token "sync" is periodic (\`period\` "24h"), so it can be renewed forever; remove \`period\` and ${FIX}.`,
            `Vault token "sync" is an orphan (\`noParent: true\`), so revoking its creator does not revoke it; remove \`noParent\` and ${FIX}.`,
            `Vault token "sync" carries the "root" policy; grant a policy scoped to the paths the sync reads and ${FIX}.`,
        ]);
    });

    it("accepts noParent false and a zero period", async () => {
        assert.deepEqual(
            (await check({ ...compliant, noParent: false, period: "0" })).violations,
            [],
        );
    });

    it("leaves a ttl that is unknown during preview to the framework", async () => {
        const out = await check({ ...compliant, ttl: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /ttl/);
    });

    it("does not throw on wrongly typed fields", async () => {
        const out = await check({ ttl: 900, policies: "root", noParent: "yes" });
        assert.deepEqual(out.violations, []);
    });
});
