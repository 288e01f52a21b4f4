import * as assert from "node:assert/strict";
import { configureDeadline } from "../../../../../../policypack/policies/recoverability/kubernetes/batch/configureDeadline";
import { checkResource, unknown } from "../../../../harness";

const CRON = "kubernetes:batch/v1:CronJob";
const JOB = "kubernetes:batch/v1:Job";
const template = { spec: { restartPolicy: "Never", containers: [{ name: "sync", image: "x" }] } };
const cronJob = (spec: Record<string, any>, jobSpec: Record<string, any>) => ({
    spec: {
        schedule: "0 2 * * *",
        concurrencyPolicy: "Forbid",
        ...spec,
        jobTemplate: { spec: { template, backoffLimit: 3, ...jobSpec } },
    },
});
const job = (spec: Record<string, any>) => ({ spec: { template, backoffLimit: 3, ...spec } });

describe("kubernetes-batch-job-configure-deadline", () => {
    it("accepts a CronJob whose job template sets activeDeadlineSeconds", async () => {
        const out = await checkResource(configureDeadline, {
            type: CRON,
            name: "c",
            props: cronJob({}, { activeDeadlineSeconds: 3600 }),
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts a CronJob that sets only startingDeadlineSeconds", async () => {
        const out = await checkResource(configureDeadline, {
            type: CRON,
            name: "c",
            props: cronJob({ startingDeadlineSeconds: 600 }, {}),
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a CronJob that sets neither deadline", async () => {
        const out = await checkResource(configureDeadline, {
            type: CRON,
            name: "c",
            props: cronJob({}, {}),
        });
        assert.deepEqual(out.violations, [
            'CronJob "c" sets neither `spec.jobTemplate.spec.activeDeadlineSeconds` nor `spec.startingDeadlineSeconds` to a positive number, so a stuck sync can run or start at any time and hold its batch half-written; set `spec.jobTemplate.spec.activeDeadlineSeconds` (SecureSyncJob does).',
        ]);
    });

    it("rejects a CronJob whose activeDeadlineSeconds sits on the CronJob spec, where Kubernetes ignores it", async () => {
        const out = await checkResource(configureDeadline, {
            type: CRON,
            name: "c",
            props: cronJob({ activeDeadlineSeconds: 3600 }, {}),
        });
        assert.equal(out.violations.length, 1);
    });

    it("accepts a Job with activeDeadlineSeconds", async () => {
        const out = await checkResource(configureDeadline, {
            type: JOB,
            name: "j",
            props: job({ activeDeadlineSeconds: 900 }),
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a Job without activeDeadlineSeconds", async () => {
        const out = await checkResource(configureDeadline, {
            type: JOB,
            name: "j",
            props: job({}),
        });
        assert.deepEqual(out.violations, [
            'Job "j" does not set `spec.activeDeadlineSeconds` to a positive number, so a stuck sync can run forever and hold its batch half-written; set `spec.activeDeadlineSeconds` (SecureSyncJob does).',
        ]);
    });

    it("rejects zero and wrongly typed deadlines without throwing", async () => {
        for (const activeDeadlineSeconds of [0, "3600", null]) {
            const out = await checkResource(configureDeadline, {
                type: JOB,
                name: "j",
                props: job({ activeDeadlineSeconds }),
            });
            assert.equal(out.violations.length, 1);
        }
    });

    it("is not applicable to a CronJob patch", async () => {
        const out = await checkResource(configureDeadline, {
            type: "kubernetes:batch/v1:CronJobPatch",
            name: "c",
            props: {},
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.notApplicable);
    });

    it("leaves a deadline that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(configureDeadline, {
            type: JOB,
            name: "j",
            props: job({ activeDeadlineSeconds: unknown.number }),
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /activeDeadlineSeconds/);
    });

    it("ignores other kinds", async () => {
        const out = await checkResource(configureDeadline, {
            type: "kubernetes:core/v1:Pod",
            name: "p",
            props: { spec: {} },
        });
        assert.deepEqual(out.violations, []);
    });
});
