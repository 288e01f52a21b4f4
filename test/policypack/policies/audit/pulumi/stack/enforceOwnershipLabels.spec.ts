import * as assert from "node:assert/strict";
import { enforceOwnershipLabels } from "../../../../../../policypack/policies/audit/pulumi/stack/enforceOwnershipLabels";
import { checkResource, unknown } from "../../../../harness";

const QUEUE = "aws:sqs/queue:Queue";
const CRON = "kubernetes:batch/v1:CronJob";
const owner = { "data-owner": "sales-operations", "data-category": "customer-contact" };
const queue = { kmsMasterKeyId: "alias/crm", tags: owner };
const cronJob = (labels: Record<string, any>, templateLabels: Record<string, any> = {}) => ({
    metadata: { namespace: "crm-sync", labels },
    spec: {
        jobTemplate: {
            spec: { template: { metadata: { labels: templateLabels }, spec: { containers: [] } } },
        },
    },
});

describe("pulumi-stack-resource-enforce-ownership-labels", () => {
    it("accepts a queue with both ownership tags", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: QUEUE,
            name: "q",
            props: queue,
        });
        assert.deepEqual(out.violations, []);
    });

    it("reports a queue without ownership tags and names both", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: QUEUE,
            name: "q",
            props: { kmsMasterKeyId: "alias/crm" },
        });
        assert.deepEqual(out.violations, [
            'aws:sqs/queue:Queue "q" lacks the ownership tags "data-owner", "data-category", so a record of processing cannot say who owns this personal data or what category it is; add them to `tags` (or the AWS provider\'s `defaultTags`).',
        ]);
    });

    it("reports a tag that is present but empty", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: QUEUE,
            name: "q",
            props: { tags: { ...owner, "data-category": " " } },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /lacks the ownership tags "data-category",/);
    });

    it("counts the provider's defaultTags, given as a JSON string", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: QUEUE,
            name: "q",
            props: { tags: { "data-category": "customer-contact" } },
            provider: {
                type: "pulumi:providers:aws",
                props: {
                    defaultTags: JSON.stringify({ tags: { "data-owner": "sales-operations" } }),
                },
            },
        });
        assert.deepEqual(out.violations, []);
    });

    it("counts tagsAll, as stack outputs carry it", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: "aws:kms/key:Key",
            name: "k",
            props: { tagsAll: owner },
        });
        assert.deepEqual(out.violations, []);
    });

    it("follows configured label keys", async () => {
        const out = await checkResource(
            enforceOwnershipLabels,
            { type: QUEUE, name: "q", props: queue },
            { requiredLabels: ["data-owner", "retention"] },
        );
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /lacks the ownership tags "retention",/);
    });

    it("ignores types outside the configured sync path", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: "aws:iam/rolePolicy:RolePolicy",
            name: "p",
            props: {},
        });
        assert.deepEqual(out.violations, []);
        const narrowed = await checkResource(
            enforceOwnershipLabels,
            { type: QUEUE, name: "q", props: {} },
            { syncPathTypes: ["aws:sns/topic:Topic"] },
        );
        assert.deepEqual(narrowed.violations, []);
    });

    it("is not applicable to a resource tagged as outside the sync path", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: QUEUE,
            name: "q",
            props: { tags: { "gdpr-guard.io/sync-path": "false" } },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.notApplicable ?? "", /outside the sync path/);
    });

    it("accepts a CronJob with ownership labels", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: CRON,
            name: "c",
            props: cronJob(owner),
        });
        assert.deepEqual(out.violations, []);
    });

    it("reports a CronJob without ownership labels and points at metadata.labels", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: CRON,
            name: "c",
            props: cronJob({ "data-owner": "sales-operations" }),
        });
        assert.deepEqual(out.violations, [
            'kubernetes:batch/v1:CronJob "c" lacks the ownership labels "data-category", so a record of processing cannot say who owns this personal data or what category it is; add them to `metadata.labels` (SecureSyncJob does).',
        ]);
    });

    it("checks a Deployment labelled as a sync job and ignores an unlabelled one", async () => {
        const deployment = (labels: Record<string, string>) => ({
            metadata: { labels },
            spec: { template: { metadata: { labels }, spec: {} } },
        });
        const labelled = await checkResource(enforceOwnershipLabels, {
            type: "kubernetes:apps/v1:Deployment",
            name: "d",
            props: deployment({ "gdpr-guard.io/sync-job": "true" }),
        });
        assert.equal(labelled.violations.length, 1);
        const plain = await checkResource(enforceOwnershipLabels, {
            type: "kubernetes:apps/v1:Deployment",
            name: "d",
            props: deployment({ app: "web" }),
        });
        assert.deepEqual(plain.violations, []);
    });

    it("reads wrongly typed tags, labels and config without throwing", async () => {
        const tagsOut = await checkResource(enforceOwnershipLabels, {
            type: QUEUE,
            name: "q",
            props: { tags: ["data-owner"] },
        });
        assert.equal(tagsOut.violations.length, 1);
        const labelsOut = await checkResource(enforceOwnershipLabels, {
            type: CRON,
            name: "c",
            props: { metadata: "x", spec: 1 },
        });
        assert.equal(labelsOut.violations.length, 1);
        const configOut = await checkResource(
            enforceOwnershipLabels,
            { type: QUEUE, name: "q", props: queue },
            { requiredLabels: "data-owner", syncPathTypes: 3 },
        );
        assert.deepEqual(configOut.violations, []);
    });

    it("leaves tags that are unknown during preview to the framework instead of reporting them", async () => {
        const out = await checkResource(enforceOwnershipLabels, {
            type: QUEUE,
            name: "q",
            props: { tags: { ...owner, "data-owner": unknown.string } },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /tags/);
    });
});
