import * as assert from "node:assert/strict";
import { disallowLiteralTlsData } from "../../../../../../policypack/policies/secrets/kubernetes/core/disallowLiteralTlsData";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "kubernetes:core/v1:Secret";

describe("kubernetes-core-secret-disallow-literal-tls-data", () => {
    const check = (props: Record<string, any>) =>
        checkResource(disallowLiteralTlsData, {
            type: TYPE,
            name: "api-tls",
            props: { metadata: { name: "api-tls" }, ...props },
        });

    it("accepts a TLS Secret without a key, as cert-manager leaves it", async () => {
        assert.deepEqual((await check({ type: "kubernetes.io/tls" })).violations, []);
    });

    it("advises against a TLS Secret with a literal private key", async () => {
        const out = await check({
            type: "kubernetes.io/tls",
            data: { "tls.crt": "LS0t", "tls.key": "LS0t" },
        });
        assert.deepEqual(out.violations, [
            'TLS Secret "api-tls" holds a literal private key in "tls.key"; issue the certificate with cert-manager (or Vault PKI) so the key never enters the program and rotates on its own.',
        ]);
    });

    it("ignores Opaque Secrets, which the mandatory rule handles", async () => {
        assert.deepEqual(
            (await check({ type: "Opaque", data: { "tls.key": "LS0t" } })).violations,
            [],
        );
    });

    it("reports a key whose value is unknown during preview and survives wrong types", async () => {
        assert.equal(
            (
                await check({
                    type: "kubernetes.io/tls",
                    stringData: { "tls.key": unknown.string },
                })
            ).violations.length,
            1,
        );
        assert.deepEqual((await check({ type: "kubernetes.io/tls", data: 7 })).violations, []);
    });
});
