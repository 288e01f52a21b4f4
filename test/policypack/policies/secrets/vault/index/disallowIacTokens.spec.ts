import * as assert from "node:assert/strict";
import { disallowIacTokens } from "../../../../../../policypack/policies/secrets/vault/index/disallowIacTokens";
import { checkResource, unknown } from "../../../../harness";

describe("vault-index-token-disallow-iac-tokens", () => {
    it("accepts a stack that mints no token", async () => {
        const out = await checkResource(disallowIacTokens, {
            type: "vault:kubernetes/authBackendRole:AuthBackendRole",
            name: "r",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });

    it("advises against any token minted by the stack, even a short-lived one", async () => {
        const out = await checkResource(disallowIacTokens, {
            type: "vault:index/token:Token",
            name: "sync",
            props: { ttl: "15m", clientToken: unknown.string },
        });
        assert.deepEqual(out.violations, [
            'Vault token "sync" is minted by the stack, so its value is stored in the state; let the workload log in with its own identity (VaultWorkloadIdentity does) instead.',
        ]);
    });
});
