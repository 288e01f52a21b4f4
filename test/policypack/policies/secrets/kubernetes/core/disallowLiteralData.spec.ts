import * as assert from "node:assert/strict";
import { disallowLiteralData } from "../../../../../../policypack/policies/secrets/kubernetes/core/disallowLiteralData";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "kubernetes:core/v1:Secret";
const msg = (type: string, field: string, key: string) =>
    `Secret "crm-db" (type "${type}") holds literal ${field} key "${key}"; secrets in the program are secrets in the state — deliver it from Vault (agent injection as SecureSyncJob does, Vault Secrets Operator, or CSI) instead.`;

describe("kubernetes-core-secret-disallow-literal-data", () => {
    const check = (props: Record<string, any>, config = {}) =>
        checkResource(
            disallowLiteralData,
            {
                type: TYPE,
                name: "crm-db",
                props: { metadata: { name: "crm-db" }, ...props },
            },
            config,
        );

    it("accepts a Secret without data, filled by the Vault Secrets Operator", async () => {
        assert.deepEqual((await check({ type: "Opaque" })).violations, []);
    });

    it("rejects an Opaque Secret with literal stringData, one message per key", async () => {
        const out = await check({
            stringData: { username: "sync", password: "hunter22" },
        });
        assert.deepEqual(out.violations, [
            msg("Opaque", "stringData", "username"),
            msg("Opaque", "stringData", "password"),
        ]);
    });

    it("rejects basic-auth, ssh-auth and dockerconfigjson Secrets with data", async () => {
        for (const type of [
            "kubernetes.io/basic-auth",
            "kubernetes.io/ssh-auth",
            "kubernetes.io/dockerconfigjson",
        ]) {
            const out = await check({ type, data: { k: "c2VjcmV0" } });
            assert.deepEqual(out.violations, [msg(type, "data", "k")]);
        }
    });

    it("accepts empty values and leaves TLS and service-account-token Secrets to other rules", async () => {
        assert.deepEqual((await check({ data: { password: "" } })).violations, []);
        assert.deepEqual(
            (await check({ type: "kubernetes.io/tls", data: { "tls.key": "LS0t" } })).violations,
            [],
        );
        assert.deepEqual(
            (
                await check({
                    type: "kubernetes.io/service-account-token",
                    data: { token: "x" },
                })
            ).violations,
            [],
        );
    });

    it("accepts a type the config allows", async () => {
        const out = await check(
            { type: "example.com/vault-synced", data: { k: "v" } },
            { allowedSecretTypes: ["example.com/vault-synced"] },
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves data whose values are unknown during preview to the framework", async () => {
        const out = await check({ stringData: { password: unknown.string } });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /password/);
    });

    it("does not throw on wrongly typed fields", async () => {
        assert.deepEqual((await check({ type: 3, data: 5 })).violations, []);
        assert.deepEqual((await check({ data: "c2VjcmV0" })).violations, [
            msg("Opaque", "data", "(whole field)"),
        ]);
    });

    it("ignores ConfigMaps", async () => {
        const out = await checkResource(disallowLiteralData, {
            type: "kubernetes:core/v1:ConfigMap",
            props: { data: { a: "b" } },
        });
        assert.deepEqual(out.violations, []);
    });
});
