import { find, mark, refusal, settle, since } from "./mocks";
import * as assert from "node:assert/strict";
import { VaultWorkloadIdentity } from "../../components";

const ROLE = "vault:kubernetes/authBackendRole:AuthBackendRole";
const POLICY = "vault:index/policy:Policy";

describe("VaultWorkloadIdentity", () => {
    it("binds one service account in one namespace with 15 min / 1 h tokens and a read-only policy", async () => {
        const m = mark();
        const id = new VaultWorkloadIdentity("crm-sync", {
            namespace: "crm",
            serviceAccount: "crm-sync",
            paths: [{ path: "secret/data/crm-sync/api" }],
        });
        await settle();
        assert.equal(id.roleName, "crm-sync");
        const policy = find(m, POLICY, "crm-sync-policy").inputs;
        assert.equal(policy.name, "crm-sync");
        assert.equal(
            policy.policy,
            'path "secret/data/crm-sync/api" {\n  capabilities = ["read"]\n}',
        );
        const role = find(m, ROLE, "crm-sync-role").inputs;
        assert.deepEqual(
            { ...role },
            {
                backend: "kubernetes",
                roleName: "crm-sync",
                boundServiceAccountNames: ["crm-sync"],
                boundServiceAccountNamespaces: ["crm"],
                tokenTtl: 900,
                tokenMaxTtl: 3600,
                tokenPolicies: ["crm-sync"],
                tokenType: "service",
            },
        );
    });

    it("adds database and AWS assumed_role credential roles with their own TTLs and read grants", async () => {
        const m = mark();
        const id = new VaultWorkloadIdentity("erp", {
            namespace: "erp",
            serviceAccount: "erp-sync",
            audience: "vault",
            tokenTtlSeconds: 600,
            tokenMaxTtlSeconds: 1800,
            paths: [{ path: "secret/data/erp/config", capabilities: ["read", "list"] }],
            databaseCredentials: [
                {
                    backend: "database",
                    dbName: "erp",
                    creationStatements: ['CREATE ROLE "{{name}}"'],
                    defaultTtlSeconds: 300,
                },
            ],
            awsCredentials: [
                { backend: "aws", roleArns: ["arn:aws:iam::111122223333:role/erp-sync"] },
            ],
        });
        await settle();
        assert.deepEqual(id.credentialPaths, [
            "secret/data/erp/config",
            "database/creds/erp",
            "aws/sts/erp",
        ]);
        assert.equal(
            find(m, POLICY, "erp-policy").inputs.policy,
            'path "secret/data/erp/config" {\n  capabilities = ["read", "list"]\n}\n\npath "database/creds/erp" {\n  capabilities = ["read"]\n}\n\npath "aws/sts/erp" {\n  capabilities = ["read"]\n}',
        );
        const role = find(m, ROLE, "erp-role").inputs;
        assert.equal(role.audience, "vault");
        assert.equal(role.tokenTtl, 600);
        assert.equal(role.tokenMaxTtl, 1800);
        const db = find(
            m,
            "vault:database/secretBackendRole:SecretBackendRole",
            "erp-db-erp",
        ).inputs;
        assert.deepEqual(
            {
                backend: db.backend,
                name: db.name,
                dbName: db.dbName,
                defaultTtl: db.defaultTtl,
                maxTtl: db.maxTtl,
            },
            { backend: "database", name: "erp", dbName: "erp", defaultTtl: 300, maxTtl: 3600 },
        );
        const awsRole = find(
            m,
            "vault:aws/secretBackendRole:SecretBackendRole",
            "erp-aws-erp",
        ).inputs;
        assert.deepEqual(
            { ...awsRole },
            {
                backend: "aws",
                name: "erp",
                credentialType: "assumed_role",
                roleArns: ["arn:aws:iam::111122223333:role/erp-sync"],
                defaultStsTtl: 900,
                maxStsTtl: 3600,
            },
        );
    });

    describe("refuses", () => {
        const base = {
            namespace: "crm",
            serviceAccount: "crm-sync",
            paths: [{ path: "secret/data/crm/api" }],
        };
        const cases: [string, object, string][] = [
            [
                "a wildcard service account",
                { serviceAccount: "*" },
                'argument `serviceAccount` is "*", not one exact Kubernetes name (lower-case DNS label, no wildcards); name exactly one namespace or service account.',
            ],
            [
                "a missing namespace",
                { namespace: undefined },
                "argument `namespace` is missing, not one exact Kubernetes name (lower-case DNS label, no wildcards); name exactly one namespace or service account.",
            ],
            [
                "a token TTL above the pack's maximum",
                { tokenTtlSeconds: 7200 },
                "argument `tokenTtlSeconds` is 7200, outside 60..3600 (a longer-lived token outlives the job and widens a leak); use a whole number from 60 to 3600 or leave it out for 900.",
            ],
            [
                "a token max TTL of 0 (the system default, 32 days)",
                { tokenMaxTtlSeconds: 0 },
                "argument `tokenMaxTtlSeconds` is 0, outside 60..86400 (renewals must end); use a whole number from 60 to 86400 or leave it out for 3600.",
            ],
            [
                "a max TTL below the TTL",
                { tokenTtlSeconds: 1800, tokenMaxTtlSeconds: 900 },
                "argument `tokenMaxTtlSeconds` is 900, below tokenTtlSeconds 1800; make the max TTL at least the TTL.",
            ],
            [
                "a path covering a whole mount",
                { paths: [{ path: "secret/*" }] },
                'argument `paths[0].path` is "secret/*", which covers a whole mount; name the exact paths the workload reads.',
            ],
            [
                "the root path",
                { paths: [{ path: "*" }] },
                'argument `paths[0].path` is "*", which covers a whole mount; name the exact paths the workload reads.',
            ],
            [
                "a + segment",
                { paths: [{ path: "secret/data/+/api" }] },
                'argument `paths[0].path` is "secret/data/+/api", whose "+" segment covers other tenants\' paths; name the exact path.',
            ],
            [
                "the sudo capability",
                { paths: [{ path: "secret/data/crm/api", capabilities: ["read", "sudo"] }] },
                'argument `paths[0].capabilities` holds "sudo", which would grant more than a sync job needs; use only "create", "read", "update", "patch", "delete", "list".',
            ],
            [
                "writes to sys/",
                { paths: [{ path: "sys/policies/acl/x", capabilities: ["update"] }] },
                'argument `paths[0].path` is "sys/policies/acl/x" with write capabilities, which would let the workload reconfigure Vault; grant only read on sys/ and auth/ paths, or none.',
            ],
            [
                "no grants at all",
                { paths: [] },
                "argument `paths` is empty and no credential roles are given, so the identity would have nothing to read; list the paths the workload needs, or give it no Vault identity.",
            ],
            [
                "a database lease above the maximum",
                {
                    databaseCredentials: [
                        {
                            backend: "database",
                            dbName: "x",
                            creationStatements: [],
                            defaultTtlSeconds: 86400,
                        },
                    ],
                },
                "argument `databaseCredentials[0].defaultTtlSeconds` is 86400, outside 60..3600 (database users must expire soon); use a whole number from 60 to 3600 or leave it out for 900.",
            ],
            [
                "a credential engine mounted on auth/",
                {
                    databaseCredentials: [
                        { backend: "auth/db", dbName: "x", creationStatements: [] },
                    ],
                },
                'argument `databaseCredentials[0].backend` is "auth/db", not a secrets engine mount; give the engine\'s mount path, e.g. "database" or "aws".',
            ],
            [
                "an AWS role wildcard",
                {
                    awsCredentials: [
                        { backend: "aws", roleArns: ["arn:aws:iam::111122223333:role/*"] },
                    ],
                },
                'argument `awsCredentials[0].roleArns[0]` is "arn:aws:iam::111122223333:role/*", not one exact IAM role ARN; name the role, e.g. arn:aws:iam::111122223333:role/crm-erp-sync.',
            ],
            [
                "STS credentials longer than the session maximum",
                {
                    awsCredentials: [
                        {
                            backend: "aws",
                            roleArns: ["arn:aws:iam::111122223333:role/x"],
                            maxStsTtlSeconds: 43200,
                        },
                    ],
                },
                "argument `awsCredentials[0].maxStsTtlSeconds` is 43200, outside 900..3600 (the IAM session maximum); use a whole number from 900 to 3600 or leave it out for 3600.",
            ],
        ];
        for (const [what, change, message] of cases) {
            it(`${what}, before creating anything`, async () => {
                const m = mark();
                assert.equal(
                    refusal(() => new VaultWorkloadIdentity("v", { ...base, ...change } as any)),
                    `VaultWorkloadIdentity "v": ${message}`,
                );
                await settle();
                assert.deepEqual(since(m), []);
            });
        }
    });
});
