import * as assert from "node:assert/strict";
import { enforceForbidConcurrency } from "../../../../../../policypack/policies/recoverability/kubernetes/batch/enforceForbidConcurrency";
import { checkResource, unknown } from "../../../../harness";
import { remediate } from "../../../../remediate";

const TYPE = "kubernetes:batch/v1:CronJob";
function cronJob(spec: Record<string, any> = {}) {
    return {
        metadata: { name: "sync", namespace: "crm-sync" },
        spec: {
            schedule: "0 2 * * *",
            concurrencyPolicy: "Forbid",
            jobTemplate: {
                spec: {
                    backoffLimit: 3,
                    template: { spec: { containers: [{ name: "sync", image: "x" }] } },
                },
            },
            ...spec,
        },
    };
}

describe("kubernetes-batch-cronjob-enforce-forbid-concurrency", () => {
    it("accepts a CronJob that forbids concurrent runs", async () => {
        const out = await checkResource(enforceForbidConcurrency, {
            type: TYPE,
            name: "c",
            props: cronJob(),
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a CronJob that leaves concurrencyPolicy unset", async () => {
        const props = cronJob();
        delete (props.spec as any).concurrencyPolicy;
        const out = await checkResource(enforceForbidConcurrency, { type: TYPE, name: "c", props });
        assert.deepEqual(out.violations, [
            'CronJob "c" `spec.concurrencyPolicy` is unset (Kubernetes uses "Allow"), so two runs of the sync can overlap and write the same records twice, which cannot be rolled back; set `spec.concurrencyPolicy: "Forbid"` (SecureSyncJob does).',
        ]);
    });

    it("rejects Allow and quotes it", async () => {
        const out = await checkResource(enforceForbidConcurrency, {
            type: TYPE,
            name: "c",
            props: cronJob({ concurrencyPolicy: "Allow" }),
        });
        assert.deepEqual(out.violations, [
            'CronJob "c" `spec.concurrencyPolicy` is "Allow", so two runs of the sync can overlap and write the same records twice, which cannot be rolled back; set `spec.concurrencyPolicy: "Forbid"` (SecureSyncJob does).',
        ]);
    });

    it("rejects Replace, which kills a run mid-batch", async () => {
        const out = await checkResource(enforceForbidConcurrency, {
            type: TYPE,
            name: "c",
            props: cronJob({ concurrencyPolicy: "Replace" }),
        });
        assert.deepEqual(out.violations, [
            'CronJob "c" `spec.concurrencyPolicy` is "Replace", so a late run kills the one in progress mid-batch, which cannot be rolled back; set `spec.concurrencyPolicy: "Forbid"` (SecureSyncJob does).',
        ]);
    });

    it("rejects a lower-case forbid, which Kubernetes does not accept", async () => {
        const out = await checkResource(enforceForbidConcurrency, {
            type: TYPE,
            name: "c",
            props: cronJob({ concurrencyPolicy: "forbid" }),
        });
        assert.equal(out.violations.length, 1);
    });

    it("checks the v1beta1 CronJob too", async () => {
        const out = await checkResource(enforceForbidConcurrency, {
            type: "kubernetes:batch/v1beta1:CronJob",
            name: "c",
            props: cronJob({ concurrencyPolicy: "Allow" }),
        });
        assert.equal(out.violations.length, 1);
    });

    it("is not applicable to a CronJob patch", async () => {
        const out = await checkResource(enforceForbidConcurrency, {
            type: "kubernetes:batch/v1:CronJobPatch",
            name: "c",
            props: { spec: { suspend: true } },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.notApplicable);
    });

    it("reads a wrongly typed spec without throwing", async () => {
        const out = await checkResource(enforceForbidConcurrency, {
            type: TYPE,
            name: "c",
            props: { spec: "oops" },
        });
        assert.equal(out.violations.length, 1);
    });

    it("leaves a policy that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enforceForbidConcurrency, {
            type: TYPE,
            name: "c",
            props: cronJob({ concurrencyPolicy: unknown.string }),
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /concurrencyPolicy/);
    });

    it("ignores Jobs and other kinds", async () => {
        const out = await checkResource(enforceForbidConcurrency, {
            type: "kubernetes:batch/v1:Job",
            name: "j",
            props: { spec: {} },
        });
        assert.deepEqual(out.violations, []);
    });

    describe("remediation", () => {
        for (const policy of [undefined, "Allow", "Replace"]) {
            it(`sets concurrencyPolicy "Forbid" on a CronJob whose policy is ${policy ?? "unset"}, and the result passes`, async () => {
                const before = cronJob({ concurrencyPolicy: policy });
                if (policy === undefined) {
                    delete (before.spec as any).concurrencyPolicy;
                }
                const { props } = await remediate(enforceForbidConcurrency, {
                    type: TYPE,
                    name: "c",
                    props: before,
                });
                assert.deepEqual(props, cronJob());
                const after = await checkResource(enforceForbidConcurrency, {
                    type: TYPE,
                    name: "c",
                    props: props!,
                });
                assert.deepEqual(after.violations, []);
            });
        }

        it("changes nothing on a CronJob that already forbids concurrent runs, a patch, or another kind", async () => {
            assert.equal(
                (
                    await remediate(enforceForbidConcurrency, {
                        type: TYPE,
                        name: "c",
                        props: cronJob(),
                    })
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(enforceForbidConcurrency, {
                        type: `${TYPE}Patch`,
                        name: "c",
                        props: cronJob({ concurrencyPolicy: "Allow" }),
                    })
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(enforceForbidConcurrency, {
                        type: "kubernetes:batch/v1:Job",
                        name: "c",
                        props: cronJob({ concurrencyPolicy: "Allow" }),
                    })
                ).props,
                undefined,
            );
        });

        it("does not read unknown values it does not need, and leaves an unknown policy to the framework", async () => {
            const other = await remediate(enforceForbidConcurrency, {
                type: TYPE,
                name: "c",
                props: cronJob({ concurrencyPolicy: "Allow", schedule: unknown.string }),
            });
            assert.equal(other.props?.spec.concurrencyPolicy, "Forbid");
            const own = await remediate(enforceForbidConcurrency, {
                type: TYPE,
                name: "c",
                props: cronJob({ concurrencyPolicy: unknown.string }),
            });
            assert.match(
                own.unknownDuringPreview ?? "",
                /concurrencyPolicy can't be known during preview/,
            );
        });

        it("does not throw on a wrongly typed spec", async () => {
            assert.equal(
                (
                    await remediate(enforceForbidConcurrency, {
                        type: TYPE,
                        name: "c",
                        props: { spec: "Forbid" },
                    })
                ).props,
                undefined,
            );
        });
    });
});
