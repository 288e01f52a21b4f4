import * as assert from "node:assert/strict";
import {
    isMountRootGlob,
    parseVaultPolicy,
    vaultPolicyOffences,
    type VaultPathRule,
} from "../../../policypack/lib/vaultPolicy";

async function rules(policy: unknown): Promise<VaultPathRule[]> {
    const parsed = await parseVaultPolicy(policy);
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.error);
    return parsed.rules;
}

async function error(policy: unknown): Promise<string> {
    const parsed = await parseVaultPolicy(policy);
    assert.ok(!parsed.ok, "expected the policy not to parse");
    return parsed.error;
}

describe("lib/vaultPolicy", () => {
    describe("parseVaultPolicy", () => {
        it("reads HCL path blocks (sorted by path), lower-casing capabilities", async () => {
            const hcl = [
                'path "database/creds/crm-erp-sync" {',
                '  capabilities = ["READ"]',
                "}",
                'path "secret/data/crm/*" { capabilities = ["read", "list"] }',
            ].join("\n");
            assert.deepEqual(await rules(hcl), [
                { index: 0, path: "database/creds/crm-erp-sync", capabilities: ["read"] },
                { index: 1, path: "secret/data/crm/*", capabilities: ["read", "list"] },
            ]);
        });

        it("reads the JSON form, as text or as an object", async () => {
            const json = { path: { "database/creds/crm": { capabilities: ["read"] } } };
            assert.deepEqual(await rules(JSON.stringify(json)), [
                { index: 0, path: "database/creds/crm", capabilities: ["read"] },
            ]);
            assert.deepEqual(await rules(json), [
                { index: 0, path: "database/creds/crm", capabilities: ["read"] },
            ]);
        });

        it("expands the deprecated policy shorthand", async () => {
            assert.deepEqual(await rules('path "secret/*" { policy = "write" }'), [
                {
                    index: 0,
                    path: "secret/*",
                    capabilities: ["create", "read", "update", "delete", "list"],
                },
            ]);
        });

        it("accepts a policy with no path blocks", async () => {
            assert.deepEqual(await rules("# nothing yet\n"), []);
        });

        it("says why a policy cannot be read", async () => {
            assert.equal(await error(""), "The policy is empty.");
            assert.equal(await error(undefined), "The policy is empty.");
            assert.equal(await error(42), "The policy is a number, not HCL or JSON text.");
            assert.match(
                await error('path "a" { capabilities = ['),
                /^The policy is not valid HCL \(.+\)\.$/,
            );
            assert.match(await error('{"path": '), /^The policy is not valid JSON \(.+\)\.$/);
            assert.equal(
                await error('path "a" { capabilities = "read" }'),
                'The policy cannot be read: path "a" has capabilities that are not a list of strings.',
            );
            assert.equal(
                await error('path "a" { policy = "all" }'),
                'The policy cannot be read: path "a" has a policy shorthand that is not "deny", "read", "write" or "sudo".',
            );
            assert.equal(
                await error({ path: { a: "read" } }),
                'The policy cannot be read: path "a" is a string, not a block.',
            );
        });
    });

    describe("vaultPolicyOffences", () => {
        const rule = (path: string, ...capabilities: string[]): VaultPathRule => ({
            index: 0,
            path,
            capabilities,
        });

        it("finds nothing in a read of one exact path, or in a deny", () => {
            assert.deepEqual(
                vaultPolicyOffences([
                    rule("database/creds/crm-erp-sync", "read"),
                    rule("sys/*", "deny"),
                ]),
                [],
            );
        });

        it("finds mount-root globs, all-capabilities, sudo and system writes, one per offence", () => {
            const kinds = vaultPolicyOffences([
                rule("*", "*"),
                rule("sys/policy/*", "update", "sudo"),
                rule("auth/kubernetes/role/x", "read"),
            ]).map((o) => `${o.path} ${o.kind}`);
            assert.deepEqual(kinds, [
                "* broad-path",
                "* all-capabilities",
                "sys/policy/* privileged-capability",
                "sys/policy/* system-write",
            ]);
        });

        it("marks + segments as advisory", () => {
            const [o] = vaultPolicyOffences([rule("secret/data/+/crm", "read")]);
            assert.equal(o.kind, "tenant-wildcard");
            assert.equal(o.level, "advisory");
        });

        it("recognises mount-root globs but not deeper ones", () => {
            for (const p of [
                "*",
                "secret*",
                "secret/*",
                "/secret/*",
                "secret/data/*",
                "kv/metadata/*",
            ]) {
                assert.equal(isMountRootGlob(p), true, p);
            }
            for (const p of ["secret/data/crm/*", "database/creds/crm-*", "database/creds/crm"]) {
                assert.equal(isMountRootGlob(p), false, p);
            }
        });
    });
});
