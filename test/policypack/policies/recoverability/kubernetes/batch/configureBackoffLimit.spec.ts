import * as assert from "node:assert/strict";
import { configureBackoffLimit } from "../../../../../../policypack/policies/recoverability/kubernetes/batch/configureBackoffLimit";
import { checkResource, unknown } from "../../../../harness";

const CRON = "kubernetes:batch/v1:CronJob";
const JOB = "kubernetes:batch/v1:Job";
const template = { spec: { restartPolicy: "Never", containers: [{ name: "sync", image: "x" }] } };
const cronJob = (jobSpec: Record<string, any>) => ({
    spec: {
        schedule: "0 2 * * *",
        concurrencyPolicy: "Forbid",
        jobTemplate: { spec: { template, ...jobSpec } },
    },
});
const job = (spec: Record<string, any>) => ({ spec: { template, ...spec } });

describe("kubernetes-batch-job-configure-backoff-limit", () => {
    it("accepts a CronJob with a bounded backoffLimit", async () => {
        const out = await checkResource(configureBackoffLimit, {
            type: CRON,
            name: "c",
            props: cronJob({ backoffLimit: 3 }),
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts a Job at the maximum and a Job with no retries", async () => {
        for (const backoffLimit of [6, 0]) {
            const out = await checkResource(configureBackoffLimit, {
                type: JOB,
                name: "j",
                props: job({ backoffLimit }),
            });
            assert.deepEqual(out.violations, []);
        }
    });

    it("rejects a CronJob that leaves backoffLimit unset and names the path", async () => {
        const out = await checkResource(configureBackoffLimit, {
            type: CRON,
            name: "c",
            props: cronJob({}),
        });
        assert.deepEqual(out.violations, [
            'CronJob "c" leaves `spec.jobTemplate.spec.backoffLimit` unset (Kubernetes retries 6 times), so a failing sync replays its batch without a bound the team chose; set `spec.jobTemplate.spec.backoffLimit` to at most 6 (SecureSyncJob does).',
        ]);
    });

    it("rejects a Job above the maximum and names the value", async () => {
        const out = await checkResource(configureBackoffLimit, {
            type: JOB,
            name: "j",
            props: job({ backoffLimit: 7 }),
        });
        assert.deepEqual(out.violations, [
            'Job "j" `spec.backoffLimit` is 7, above the maximum of 6, so a failing sync replays its batch over and over; set `spec.backoffLimit` to at most 6 (SecureSyncJob does).',
        ]);
    });

    it("follows a configured maximum", async () => {
        const out = await checkResource(
            configureBackoffLimit,
            { type: JOB, name: "j", props: job({ backoffLimit: 3 }) },
            { maxBackoffLimit: 2 },
        );
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /above the maximum of 2/);
    });

    it("reports a backoffLimit that is not a whole number instead of passing it", async () => {
        for (const backoffLimit of ["3", -1, 2.5]) {
            const out = await checkResource(configureBackoffLimit, {
                type: JOB,
                name: "j",
                props: job({ backoffLimit }),
            });
            assert.deepEqual(out.violations, [
                'Job "j" `spec.backoffLimit` is not a non-negative whole number, so its retries cannot be bounded; set `spec.backoffLimit` to at most 6 (SecureSyncJob does).',
            ]);
        }
    });

    it("reads a wrongly typed job template without throwing", async () => {
        const out = await checkResource(configureBackoffLimit, {
            type: CRON,
            name: "c",
            props: { spec: { jobTemplate: [] } },
        });
        assert.equal(out.violations.length, 1);
    });

    it("is not applicable to a Job patch", async () => {
        const out = await checkResource(configureBackoffLimit, {
            type: "kubernetes:batch/v1:JobPatch",
            name: "j",
            props: {},
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.notApplicable);
    });

    it("leaves a backoffLimit that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(configureBackoffLimit, {
            type: CRON,
            name: "c",
            props: cronJob({ backoffLimit: unknown.number }),
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /backoffLimit/);
    });

    it("ignores other kinds", async () => {
        const out = await checkResource(configureBackoffLimit, {
            type: "kubernetes:apps/v1:Deployment",
            name: "d",
            props: { spec: {} },
        });
        assert.deepEqual(out.violations, []);
    });
});
