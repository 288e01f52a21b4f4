import * as assert from "node:assert/strict";
import { disallowStaticToken } from "../../../../../../policypack/policies/secrets/pulumi/providers/disallowStaticToken";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "pulumi:providers:vault";
const compliant = {
    address: "https://vault.internal.example.com:8200",
    authLoginJwt: JSON.stringify({ role: "deployer", mount: "jwt" }),
};
const msg = (field: string, detector: string) =>
    `Vault provider "default" field "${field}" holds a static credential (${detector}); remove it and log in with \`authLoginJwt\` or \`authLoginKubernetes\` so the token is short-lived.`;

describe("pulumi-providers-vault-disallow-static-token", () => {
    const check = (props: Record<string, any>) =>
        checkResource(disallowStaticToken, { type: TYPE, name: "default", props });

    it("accepts a provider that logs in with a JWT", async () => {
        assert.deepEqual((await check(compliant)).violations, []);
    });

    it("rejects a Vault service token", async () => {
        const out = await check({
            ...compliant,
            token: "hvs.FAKEfakeFAKEfake0000legacySync",
        });
        assert.deepEqual(out.violations, [msg("token", 'detector "vault-token"')]);
    });

    it("rejects any static token, even one of no known format", async () => {
        const out = await check({ ...compliant, token: "root" });
        assert.deepEqual(out.violations, [msg("token", 'detector "secret-like-key"')]);
    });

    it("rejects a userpass login with a literal password and names the key", async () => {
        const out = await check({
            ...compliant,
            authLoginUserpass: JSON.stringify({
                username: "deployer",
                password: "hunter22",
            }),
        });
        assert.deepEqual(out.violations, [
            msg("authLoginUserpass", 'detector "secret-like-key" at "password"'),
        ]);
    });

    it("accepts a userpass login that reads its password from a file", async () => {
        const out = await check({
            ...compliant,
            authLoginUserpass: JSON.stringify({
                username: "deployer",
                passwordFile: "/run/secrets/vault",
            }),
        });
        assert.deepEqual(out.violations, []);
    });

    it("leaves a token that is unknown during preview to the framework", async () => {
        const out = await check({ ...compliant, token: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /token/);
    });

    it("does not throw on a wrongly typed token", async () => {
        assert.deepEqual((await check({ ...compliant, token: 5 })).violations, []);
    });
});
