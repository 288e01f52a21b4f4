import * as assert from "node:assert/strict";
import { configureServiceAccount } from "../../../../../../policypack/policies/least-privilege/kubernetes/batch/configureServiceAccount";
import { checkResource, unknown } from "../../../../harness";
import { remediate } from "../../../../remediate";

const TYPE = "kubernetes:batch/v1:CronJob";
const label = { "gdpr-guard.io/sync-job": "true" };
const podSpec = {
    serviceAccountName: "crm-erp-sync",
    automountServiceAccountToken: false,
    containers: [{ name: "sync", image: "x:1" }],
};
const cronJob = (spec: object, labels: object | undefined = label) => ({
    type: TYPE,
    name: "c",
    props: {
        metadata: { name: "crm-erp-sync", labels },
        spec: { schedule: "0 2 * * *", jobTemplate: { spec: { template: { spec } } } },
    },
});

describe("kubernetes-batch-syncjob-configure-service-account", () => {
    it("is mandatory", () => {
        assert.equal(configureServiceAccount.enforcementLevel, "mandatory");
    });

    it("accepts a sync job with its own service account and no token", async () => {
        const out = await checkResource(configureServiceAccount, cronJob(podSpec));
        assert.deepEqual(out.violations, []);
    });

    it("rejects a sync job on the default service account that mounts a token", async () => {
        const out = await checkResource(
            configureServiceAccount,
            cronJob({ containers: podSpec.containers }),
        );
        assert.deepEqual(out.violations, [
            'CronJob "crm-erp-sync" pod template (spec.jobTemplate.spec.template) runs as the namespace\'s "default" service account (serviceAccountName is unset); every pod of the namespace shares it, so whatever it is granted reaches them all; give the workload a service account of its own (SecureSyncJob does).',
            'CronJob "crm-erp-sync" pod template (spec.jobTemplate.spec.template) mounts a Kubernetes API token (automountServiceAccountToken is unset) but does not declare that it calls the API; a stolen token should not be a foothold in the cluster, so set automountServiceAccountToken to false (SecureSyncJob does), or annotate the pod "gdpr-guard.io/kubernetes-api-access": "true" if it does call the API.',
        ]);
    });

    it("ignores workloads that are not labelled as sync jobs", async () => {
        const out = await checkResource(
            configureServiceAccount,
            cronJob({ containers: [] }, { app: "report" }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves an automount value that is unknown during preview to the framework", async () => {
        const out = await checkResource(
            configureServiceAccount,
            cronJob({ ...podSpec, automountServiceAccountToken: unknown.boolean }),
        );
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    describe("remediation", () => {
        it("sets automountServiceAccountToken: false on a sync job that mounts a token, and that finding goes", async () => {
            const before = cronJob({ ...podSpec, automountServiceAccountToken: undefined });
            delete (before.props.spec.jobTemplate.spec.template.spec as any)
                .automountServiceAccountToken;
            const { props } = await remediate(configureServiceAccount, before);
            assert.deepEqual(props, cronJob(podSpec).props);
            const after = await checkResource(configureServiceAccount, {
                ...before,
                props: props!,
            });
            assert.deepEqual(after.violations, []);
        });

        it("never chooses a service account: a job on the default one keeps that finding", async () => {
            const { props } = await remediate(
                configureServiceAccount,
                cronJob({ containers: podSpec.containers }),
            );
            const after = await checkResource(configureServiceAccount, {
                ...cronJob({}),
                props: props!,
            });
            assert.equal(after.violations.length, 1);
            assert.match(after.violations[0], /"default" service account/);
        });

        it("changes nothing on a job that declares it calls the API, a job that is not a sync job, or a patch", async () => {
            const declared = cronJob({ ...podSpec, automountServiceAccountToken: true });
            (declared.props.spec.jobTemplate.spec.template as any).metadata = {
                annotations: { "gdpr-guard.io/kubernetes-api-access": "true" },
            };
            assert.equal((await remediate(configureServiceAccount, declared)).props, undefined);
            assert.equal(
                (
                    await remediate(
                        configureServiceAccount,
                        cronJob({ ...podSpec, automountServiceAccountToken: true }, {}),
                    )
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(configureServiceAccount, {
                        ...cronJob({ ...podSpec, automountServiceAccountToken: true }),
                        type: `${TYPE}Patch`,
                    })
                ).props,
                undefined,
            );
        });

        it("does not read unknown values it does not need, and does not throw on a wrongly typed pod spec", async () => {
            const other = await remediate(
                configureServiceAccount,
                cronJob({
                    ...podSpec,
                    automountServiceAccountToken: true,
                    containers: unknown.array,
                }),
            );
            assert.equal(
                other.props?.spec.jobTemplate.spec.template.spec.automountServiceAccountToken,
                false,
            );
            assert.equal(
                (await remediate(configureServiceAccount, cronJob("not a spec" as any))).props,
                undefined,
            );
        });
    });
});
