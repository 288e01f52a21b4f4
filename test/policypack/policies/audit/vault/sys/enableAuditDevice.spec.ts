import * as assert from "node:assert/strict";
import { enableAuditDevice } from "../../../../../../policypack/policies/audit/vault/sys/enableAuditDevice";
import { checkStack, unknown, urn } from "../../../../harness";

const ROLE = "vault:kubernetes/authBackendRole:AuthBackendRole";
const AUDIT = "vault:index/audit:Audit";
const role = {
    type: ROLE,
    name: "crm-erp-sync",
    props: { backend: "kubernetes", roleName: "crm-erp-sync" },
};
const audit = {
    type: AUDIT,
    name: "file",
    props: { type: "file", options: { file_path: "/vault/logs/audit.log" } },
};

describe("vault-sys-audit-enable-audit-device", () => {
    it("accepts a stack that configures Vault auth and enables an audit device", async () => {
        const out = await checkStack(enableAuditDevice, [role, audit]);
        assert.deepEqual(out.violations, []);
    });

    it("reports a stack that configures Vault auth without an audit device, against the first engine", async () => {
        const out = await checkStack(enableAuditDevice, [role]);
        assert.deepEqual(out.violations, [
            'The stack configures Vault auth or secrets engines (vault:kubernetes/authBackendRole:AuthBackendRole "crm-erp-sync") but enables no Vault audit device, so who was issued which credential to personal data is not recorded; add a `vault.Audit` resource (e.g. type "file").',
        ]);
        assert.deepEqual(out.urns, [urn(ROLE, "crm-erp-sync")]);
    });

    it("reports a secrets engine without an audit device and shortens a long list", async () => {
        const resources = [
            { type: "vault:database/secretsMount:SecretsMount", name: "db", props: {} },
            { type: "vault:index/mount:Mount", name: "kv", props: {} },
            { type: "vault:index/authBackend:AuthBackend", name: "approle", props: {} },
            { type: "vault:aws/secretBackend:SecretBackend", name: "aws", props: {} },
            { type: "vault:kv/secretV2:SecretV2", name: "a-secret", props: {} },
        ];
        const out = await checkStack(enableAuditDevice, resources);
        assert.deepEqual(out.violations, [
            'The stack configures Vault auth or secrets engines (vault:database/secretsMount:SecretsMount "db", vault:index/mount:Mount "kv", vault:index/authBackend:AuthBackend "approle" and 1 more) but enables no Vault audit device, so who was issued which credential to personal data is not recorded; add a `vault.Audit` resource (e.g. type "file").',
        ]);
    });

    it("does not count an audit request header as an audit device", async () => {
        const out = await checkStack(enableAuditDevice, [
            role,
            { type: "vault:index/auditRequestHeader:AuditRequestHeader", name: "h", props: {} },
        ]);
        assert.equal(out.violations.length, 1);
    });

    it("ignores stacks that only read or write Vault secrets and policies", async () => {
        const out = await checkStack(enableAuditDevice, [
            { type: "vault:index/policy:Policy", name: "p", props: {} },
            { type: "vault:kv/secretV2:SecretV2", name: "s", props: {} },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("does not read resource properties, so unknown and wrongly typed values cannot stop it", async () => {
        const out = await checkStack(enableAuditDevice, [
            { ...role, props: { backend: unknown.string, roleName: 42 } },
            { ...audit, props: { type: unknown.string, options: "oops" } },
        ]);
        assert.deepEqual(out.violations, []);
        assert.equal(out.unknownDuringPreview, undefined);
    });

    it("recognises auth and secrets engine types by their token, and nothing else", async () => {
        for (const type of [
            "vault:jwt/authBackend:AuthBackend",
            "vault:index/ociAuthBackendRole:OciAuthBackendRole",
            "vault:kv/secretBackendV2:SecretBackendV2",
        ]) {
            const out = await checkStack(enableAuditDevice, [{ type, name: "e", props: {} }]);
            assert.equal(out.violations.length, 1, type);
        }
        for (const type of [
            "vault:index/audit:Audit",
            "aws:index/mount:Mount",
            "vault:index/token:Token",
        ]) {
            const out = await checkStack(enableAuditDevice, [{ type, name: "e", props: {} }]);
            assert.deepEqual(out.violations, [], type);
        }
    });
});
