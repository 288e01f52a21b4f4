import * as assert from "node:assert/strict";
import { configureServiceAccount } from "../../../../../../policypack/policies/least-privilege/kubernetes/core/configureServiceAccount";
import { checkResource, unknown } from "../../../../harness";
import { remediate } from "../../../../remediate";

const podSpec = {
    serviceAccountName: "reporter",
    automountServiceAccountToken: false,
    containers: [{ name: "app", image: "x:1" }],
};
const deployment = (spec: object, templateMeta: object = {}) => ({
    type: "kubernetes:apps/v1:Deployment",
    name: "d",
    props: {
        metadata: { name: "reporter", namespace: "crm-sync" },
        spec: { template: { metadata: templateMeta, spec } },
    },
});
const SUBJECT = 'Deployment "reporter" pod template (spec.template)';
const DEFAULT_SA =
    "every pod of the namespace shares it, so whatever it is granted reaches them all; give the workload a service account of its own (SecureSyncJob does).";
const TOKEN =
    'a stolen token should not be a foothold in the cluster, so set automountServiceAccountToken to false (SecureSyncJob does), or annotate the pod "gdpr-guard.io/kubernetes-api-access": "true" if it does call the API.';

describe("kubernetes-core-pod-configure-service-account", () => {
    it("is advisory", () => {
        assert.equal(configureServiceAccount.enforcementLevel, "advisory");
    });

    it("accepts a pod with its own service account and no token", async () => {
        const out = await checkResource(configureServiceAccount, deployment(podSpec));
        assert.deepEqual(out.violations, []);
    });

    it("flags an unset service account and an unset automount, one message each", async () => {
        const out = await checkResource(
            configureServiceAccount,
            deployment({ containers: podSpec.containers }),
        );
        assert.deepEqual(out.violations, [
            `${SUBJECT} runs as the namespace's "default" service account (serviceAccountName is unset); ${DEFAULT_SA}`,
            `${SUBJECT} mounts a Kubernetes API token (automountServiceAccountToken is unset) but does not declare that it calls the API; ${TOKEN}`,
        ]);
    });

    it('flags serviceAccountName "default" on a bare Pod', async () => {
        const out = await checkResource(configureServiceAccount, {
            type: "kubernetes:core/v1:Pod",
            name: "p",
            props: {
                metadata: { name: "debug" },
                spec: { ...podSpec, serviceAccountName: "default" },
            },
        });
        assert.deepEqual(out.violations, [
            `Pod "debug" runs as the "default" service account; ${DEFAULT_SA}`,
        ]);
    });

    it("accepts a mounted token when the pod declares API access or uses the Vault agent", async () => {
        const declared = await checkResource(
            configureServiceAccount,
            deployment(
                { ...podSpec, automountServiceAccountToken: true },
                { annotations: { "gdpr-guard.io/kubernetes-api-access": "true" } },
            ),
        );
        const vault = await checkResource(
            configureServiceAccount,
            deployment(
                { ...podSpec, automountServiceAccountToken: true },
                { annotations: { "vault.hashicorp.com/agent-inject": "true" } },
            ),
        );
        assert.deepEqual([...declared.violations, ...vault.violations], []);
        const undeclared = await checkResource(
            configureServiceAccount,
            deployment({ ...podSpec, automountServiceAccountToken: true }),
        );
        assert.deepEqual(undeclared.violations, [
            `${SUBJECT} mounts a Kubernetes API token (automountServiceAccountToken is "true") but does not declare that it calls the API; ${TOKEN}`,
        ]);
    });

    it("leaves sync jobs to the mandatory rule", async () => {
        const out = await checkResource(
            configureServiceAccount,
            deployment({ containers: [] }, { labels: { "gdpr-guard.io/sync-job": "true" } }),
        );
        assert.deepEqual(out.violations, []);
        assert.match(out.notApplicable ?? "", /kubernetes-batch-syncjob-configure-service-account/);
    });

    it("does not throw on a wrongly typed spec and ignores non-workloads", async () => {
        const junk = await checkResource(configureServiceAccount, {
            type: "kubernetes:apps/v1:Deployment",
            name: "d",
            props: { spec: "x" },
        });
        assert.equal(junk.violations.length, 2);
        const cm = await checkResource(configureServiceAccount, {
            type: "kubernetes:core/v1:ConfigMap",
            props: {},
        });
        assert.deepEqual(cm.violations, []);
    });

    it("leaves a service account that is unknown during preview to the framework", async () => {
        const out = await checkResource(
            configureServiceAccount,
            deployment({ ...podSpec, serviceAccountName: unknown.string }),
        );
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    describe("remediation", () => {
        it("sets automountServiceAccountToken: false on a workload that mounts a token, and the result passes", async () => {
            const { props } = await remediate(
                configureServiceAccount,
                deployment({ ...podSpec, automountServiceAccountToken: true }),
            );
            assert.deepEqual(props, deployment(podSpec).props);
            const after = await checkResource(configureServiceAccount, {
                ...deployment(podSpec),
                props: props!,
            });
            assert.deepEqual(after.violations, []);
        });

        it("changes nothing on a workload that declares it calls the API or runs the Vault agent, or on a sync job", async () => {
            const token = { ...podSpec, automountServiceAccountToken: true };
            assert.equal(
                (
                    await remediate(
                        configureServiceAccount,
                        deployment(token, {
                            annotations: { "gdpr-guard.io/kubernetes-api-access": "true" },
                        }),
                    )
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(
                        configureServiceAccount,
                        deployment(token, {
                            annotations: { "vault.hashicorp.com/agent-inject": "true" },
                        }),
                    )
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(
                        configureServiceAccount,
                        deployment(token, { labels: { "gdpr-guard.io/sync-job": "true" } }),
                    )
                ).props,
                undefined,
            );
        });

        it("remediates a bare Pod, whose spec is its own", async () => {
            const { props } = await remediate(configureServiceAccount, {
                type: "kubernetes:core/v1:Pod",
                name: "p",
                props: { metadata: { name: "p" }, spec: { containers: [] } },
            });
            assert.equal(props?.spec.automountServiceAccountToken, false);
        });

        it("does not throw on a workload without a pod spec", async () => {
            assert.equal(
                (
                    await remediate(configureServiceAccount, {
                        type: "kubernetes:apps/v1:Deployment",
                        name: "d",
                        props: { spec: { template: {} } },
                    })
                ).props,
                undefined,
            );
        });
    });
});
