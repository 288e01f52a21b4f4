import * as assert from "node:assert/strict";
import { enforceShortLivedCredentials } from "../../../../../../policypack/policies/secrets/kubernetes/syncjob/enforceShortLivedCredentials";
import { checkStack, unknown, urn } from "../../../../harness";
import { base, NS, SA, syncStack, T, trust, U } from "../../../../fixtures/syncStack";

const JOB = `Sync job CronJob "crm-erp-sync" in namespace "${NS}"`;
const SUBJECT = `system:serviceaccount:${NS}:${SA}`;

function vaultRole(props: Record<string, unknown>) {
    const r = base("vaultRole");
    return { ...r, props: { ...r.props, ...props } };
}

describe("kubernetes-syncjob-job-enforce-short-lived-credentials", () => {
    it("accepts a job whose service account has a bounded Vault role and an IRSA role trusted for exactly it", async () => {
        const out = await checkStack(enforceShortLivedCredentials, syncStack());
        assert.deepEqual(out.violations, []);
    });

    it("accepts a job that gets no credentials at all", async () => {
        const cron = base("cron");
        const tpl = cron.props.spec.jobTemplate.spec.template;
        const bare = structuredClone(cron);
        bare.props.spec.jobTemplate.spec.template = {
            ...tpl,
            metadata: { labels: tpl.metadata.labels },
        };
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: {
                    cron: bare,
                    vaultRole: null,
                    sa: null,
                    role: null,
                    rolePolicy: null,
                },
            }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects Vault injection without an auth role binding exactly its service account", async () => {
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({ replace: { vaultRole: null } }),
        );
        assert.deepEqual(out.violations, [
            `${JOB} gets Vault credentials, but no Vault Kubernetes auth role in this stack binds exactly service account "${SA}" in namespace "${NS}", so nothing bounds its tokens; bind one with VaultWorkloadIdentity (SecureSyncJob does).`,
        ]);
        assert.deepEqual(out.urns, [U.cron]);
    });

    it("does not count a wildcard binding as binding its service account", async () => {
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: { vaultRole: vaultRole({ boundServiceAccountNames: ["*"] }) },
            }),
        );
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /no Vault Kubernetes auth role in this stack binds exactly/,
        );
    });

    it("rejects an auth role whose token TTLs are unset or above the maxima, and accepts them at the maxima", async () => {
        const unset = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: {
                    vaultRole: vaultRole({ tokenTtl: 0, tokenMaxTtl: undefined }),
                },
            }),
        );
        assert.deepEqual(unset.violations, [
            `${JOB} gets Vault credentials from auth role "crm-erp-sync-vault-role", whose tokenTtl 0 / tokenMaxTtl (unset) should be set and at most 3600 / 86400 seconds (0 or unset means Vault's 32-day default); use VaultWorkloadIdentity's 900 / 3600 defaults (SecureSyncJob does).`,
        ]);
        const long = await checkStack(
            enforceShortLivedCredentials,
            syncStack({ replace: { vaultRole: vaultRole({ tokenTtl: 3601 }) } }),
        );
        assert.equal(long.violations.length, 1);
        const atMax = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: {
                    vaultRole: vaultRole({ tokenTtl: 3600, tokenMaxTtl: 86400 }),
                },
            }),
        );
        assert.deepEqual(atMax.violations, []);
        const tighter = await checkStack(
            enforceShortLivedCredentials,
            syncStack({ replace: { vaultRole: vaultRole({ tokenTtl: 1800 }) } }),
            { maxTokenTtl: 900 },
        );
        assert.equal(tighter.violations.length, 1);
    });

    it("rejects AWS credentials in env, one message per variable, and no extra one for the access key behind them", async () => {
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                env: [
                    { name: "AWS_ACCESS_KEY_ID", value: "AKIAIOSFODNN7EXAMPLE" },
                    { name: "AWS_SECRET_ACCESS_KEY", value: "redacted" },
                ],
                extra: [{ type: T.accessKey, name: "sync-bot-key", props: { user: "bot" } }],
            }).map((r) =>
                r.urn === U.cron
                    ? {
                          ...r,
                          dependencies: [
                              ...(r.dependencies ?? []),
                              urn(T.accessKey, "sync-bot-key"),
                          ],
                      }
                    : r,
            ),
        );
        assert.deepEqual(out.violations, [
            `${JOB} should not hold static AWS credentials, but container "sync" env "AWS_ACCESS_KEY_ID" hands it one; give its service account an IRSA role trusted for exactly it (SecureSyncJob does, with LeastPrivilegeRole).`,
            `${JOB} should not hold static AWS credentials, but container "sync" env "AWS_SECRET_ACCESS_KEY" hands it one; give its service account an IRSA role trusted for exactly it (SecureSyncJob does, with LeastPrivilegeRole).`,
        ]);
        assert.ok(out.violations.every((v) => !v.includes("AKIAIOSFODNN7EXAMPLE")));
    });

    it("rejects a job whose inputs come from an access key under another env name", async () => {
        const out = await checkStack(
            enforceShortLivedCredentials,
            [
                ...syncStack({
                    extra: [{ type: T.accessKey, name: "sync-bot-key", props: {} }],
                }),
            ].map((r) =>
                r.urn === U.cron
                    ? {
                          ...r,
                          dependencies: [
                              ...(r.dependencies ?? []),
                              urn(T.accessKey, "sync-bot-key"),
                          ],
                      }
                    : r,
            ),
        );
        assert.deepEqual(out.violations, [
            `${JOB} should not use a long-lived access key, but its inputs come from IAM access key "sync-bot-key"; give its service account an IRSA role trusted for exactly it (SecureSyncJob does, with LeastPrivilegeRole).`,
        ]);
    });

    it("rejects credentials from Kubernetes Secrets (secretKeyRef, envFrom, secret volumes) and accepts configMapKeyRef", async () => {
        const cron = structuredClone(base("cron"));
        const spec = cron.props.spec.jobTemplate.spec.template.spec;
        spec.containers[0].env.push({
            name: "DB_PASSWORD",
            valueFrom: { secretKeyRef: { name: "db", key: "password" } },
        });
        spec.containers[0].env.push({
            name: "REGION",
            valueFrom: { configMapKeyRef: { name: "cfg", key: "region" } },
        });
        spec.containers[0].envFrom = [{ secretRef: { name: "api" } }];
        spec.volumes = [{ name: "creds", secret: { secretName: "sftp" } }];
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({ replace: { cron } }),
        );
        assert.deepEqual(out.violations, [
            `${JOB} should get credentials from Vault, but container "sync" env "DB_PASSWORD" reads Kubernetes Secret "db", a static credential; render it from Vault to a file instead (SecureSyncJob does).`,
            `${JOB} should get credentials from Vault, but container "sync" loads env from Kubernetes Secret "api", a static credential; render it from Vault to a file instead (SecureSyncJob does).`,
            `${JOB} should get credentials from Vault, but volume "creds" mounts Kubernetes Secret "sftp", a static credential; render it from Vault instead (SecureSyncJob does).`,
        ]);
    });

    it("reads TTLs as Vault does (and as vault-auth-role-enforce-token-ttls does): numeric strings and Go durations", async () => {
        const run = (tokenTtl: unknown, tokenMaxTtl: unknown) =>
            checkStack(
                enforceShortLivedCredentials,
                syncStack({ replace: { vaultRole: vaultRole({ tokenTtl, tokenMaxTtl }) } }),
            );
        assert.deepEqual((await run("15m", "1h")).violations, []);
        assert.deepEqual((await run("900", "24h")).violations, []);
        // The look-alikes just past the maxima, in the same syntax.
        assert.equal((await run("61m", "1h")).violations.length, 1);
        assert.equal((await run("15m", "25h")).violations.length, 1);
        assert.equal((await run("soon", "1h")).violations.length, 1);
    });

    it("rejects a role trusted for another service account, a wildcard subject, and a role shared with others", async () => {
        const role = base("role");
        const other = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: {
                    role: {
                        ...role,
                        props: {
                            assumeRolePolicy: trust(`system:serviceaccount:${NS}:other`),
                        },
                    },
                },
            }),
        );
        assert.deepEqual(other.violations, [
            `${JOB} assumes IAM role "crm-erp-sync-role", whose trust policy does not pin \`:sub\` to "${SUBJECT}" with StringEquals, so the role is not its own; build the role with LeastPrivilegeRole (SecureSyncJob does).`,
        ]);
        const like = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: {
                    role: {
                        ...role,
                        props: {
                            assumeRolePolicy: trust(`system:serviceaccount:${NS}:*`, "StringLike"),
                        },
                    },
                },
            }),
        );
        assert.equal(like.violations.length, 1);
        const shared = JSON.parse(trust());
        shared.Statement.push({
            ...shared.Statement[0],
            Condition: {
                StringEquals: { "x:sub": "system:serviceaccount:other:other" },
            },
        });
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: { role: { ...role, props: { assumeRolePolicy: shared } } },
            }),
        );
        assert.deepEqual(out.violations, [
            `${JOB} assumes IAM role "crm-erp-sync-role", whose trust policy also admits "system:serviceaccount:other:other", so other workloads share its access; trust exactly "${SUBJECT}" (LeastPrivilegeRole does).`,
        ]);
    });

    it("fails closed on a trust policy it cannot read", async () => {
        const role = base("role");
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: {
                    role: { ...role, props: { assumeRolePolicy: "{not json" } },
                },
            }),
        );
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /whose trust policy cannot be read \(.+\), so it cannot be shown to admit only/,
        );
    });

    it("rejects a role annotation whose role this stack does not define", async () => {
        const sa = base("sa");
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: { sa: { ...sa, dependencies: [], propertyDependencies: {} } },
            }),
        );
        assert.deepEqual(out.violations, [
            `${JOB} assumes an IAM role through service account "${SA}", but the role is not defined in this stack, so its trust cannot be checked to admit only "${SUBJECT}"; build the role with LeastPrivilegeRole (SecureSyncJob does).`,
        ]);
    });

    it("checks the trust even when the role ARN annotation is unknown during preview", async () => {
        const sa = base("sa");
        const preview = {
            ...sa,
            props: {
                ...sa.props,
                metadata: {
                    ...sa.props.metadata,
                    annotations: { "eks.amazonaws.com/role-arn": unknown.string },
                },
            },
        };
        const ok = await checkStack(
            enforceShortLivedCredentials,
            syncStack({ replace: { sa: preview } }),
        );
        assert.deepEqual(ok.violations, []);
        assert.equal(ok.unknownDuringPreview, undefined);
        const role = base("role");
        const bad = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: {
                    sa: preview,
                    role: {
                        ...role,
                        props: { assumeRolePolicy: trust("system:serviceaccount:x:y") },
                    },
                },
            }),
        );
        assert.equal(bad.violations.length, 1);
    });

    it("leaves TTLs that are unknown during preview to the framework instead of reporting them", async () => {
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: { vaultRole: vaultRole({ tokenTtl: unknown.number }) },
            }),
        );
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /tokenTtl/);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const cron = structuredClone(base("cron"));
        cron.props.spec.jobTemplate.spec.template.spec.containers = [
            { name: "sync", env: "x", envFrom: [null, 3] },
        ];
        cron.props.spec.jobTemplate.spec.template.spec.volumes = "none";
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({
                replace: {
                    cron,
                    vaultRole: vaultRole({
                        boundServiceAccountNames: "crm-erp-sync",
                        boundServiceAccountNamespaces: [7],
                    }),
                },
            }),
        );
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /no Vault Kubernetes auth role/);
    });

    it("ignores stacks without sync jobs", async () => {
        const out = await checkStack(
            enforceShortLivedCredentials,
            syncStack({ jobLabels: {}, replace: { vaultRole: null } }),
        );
        assert.deepEqual(out.violations, []);
    });
});
