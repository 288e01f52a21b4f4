import * as assert from "node:assert/strict";
import { enforceVerifiedTls } from "../../../../../../policypack/policies/transport/pulumi/providers/enforceVerifiedTls";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "pulumi:providers:vault";
const compliant = { address: "https://vault.internal.example.com:8200", version: "7.8.0" };

describe("pulumi-providers-vault-enforce-verified-tls", () => {
    it("accepts an https address with verification on", async () => {
        assert.deepEqual(
            (
                await checkResource(enforceVerifiedTls, {
                    type: TYPE,
                    name: "default_7_8_0",
                    props: compliant,
                })
            ).violations,
            [],
        );
        const off = await checkResource(enforceVerifiedTls, {
            type: TYPE,
            name: "v",
            props: { ...compliant, skipTlsVerify: "false" },
        });
        assert.deepEqual(off.violations, []);
    });

    it("rejects an http address and skipTlsVerify as config strings, once each", async () => {
        const out = await checkResource(enforceVerifiedTls, {
            type: TYPE,
            name: "default",
            props: { address: "http://vault.internal:8200", skipTlsVerify: "true" },
        });
        assert.deepEqual(out.violations, [
            'Vault provider "default" address "http://vault.internal:8200" is not an `https://` URL, so Vault tokens and the secrets they read cross the network in plaintext; it should use "https": set `vault:address` to its `https://` URL.',
            'Vault provider "default" sets skipTlsVerify true, so it would hand its token to any server that answers; it should verify Vault\'s certificate: remove `vault:skipTlsVerify` and set `vault:caCertFile` for a private CA.',
        ]);
    });

    it("accepts a boolean skipTlsVerify false and rejects a boolean true", async () => {
        const out = await checkResource(enforceVerifiedTls, {
            type: TYPE,
            name: "v",
            props: { ...compliant, skipTlsVerify: true },
        });
        assert.equal(out.violations.length, 1);
    });

    it("fails closed on a provider without an address", async () => {
        const out = await checkResource(enforceVerifiedTls, { type: TYPE, name: "v", props: {} });
        assert.deepEqual(out.violations, [
            'Vault provider "v" sets no `address`, so it connects wherever VAULT_ADDR points and its transport cannot be verified; it should set `vault:address` to an `https://` URL.',
        ]);
    });

    it("reads a wrongly typed address without throwing", async () => {
        const out = await checkResource(enforceVerifiedTls, {
            type: TYPE,
            name: "v",
            props: { address: 8200 },
        });
        assert.match(out.violations[0], /address "\(not a string\)" is not an `https:\/\/` URL/);
    });

    it("never quotes an address that is not a URL or a host name: it may be a credential", async () => {
        // Found by test/policypack/rules.fuzz.spec.ts: a token pasted into `vault:address`.
        const token = "ghp_22Z8i2B0z0G1a7UGZY7Op2C3GN16b7S2E3VX";
        const out = await checkResource(enforceVerifiedTls, {
            type: TYPE,
            name: "v",
            props: { address: token },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /address "\(not a URL\)" is not an `https:\/\/` URL/);
        const host = await checkResource(enforceVerifiedTls, {
            type: TYPE,
            name: "v",
            props: { address: "vault.internal.example.com:8200" },
        });
        assert.match(host.violations[0], /address "vault\.internal\.example\.com:8200" is not/);
    });

    it("leaves an address that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enforceVerifiedTls, {
            type: TYPE,
            name: "v",
            props: { address: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /address/);
    });

    it("ignores other providers", async () => {
        assert.deepEqual(
            (
                await checkResource(enforceVerifiedTls, {
                    type: "pulumi:providers:aws",
                    props: { address: "http://x" },
                })
            ).violations,
            [],
        );
    });
});
