import * as assert from "node:assert/strict";
import { enforceEncryptedQueues } from "../../../../../../policypack/policies/encryption/kubernetes/syncjob/enforceEncryptedQueues";
import { checkStack, unknown, urn } from "../../../../harness";
import { base, NS, syncStack, T, U, type StackInput } from "../../../../fixtures/syncStack";

const JOB = `Sync job CronJob "crm-erp-sync" in namespace "${NS}"`;
const PLAIN =
    "is not encrypted with a KMS key, so the personal data the job moves sits at rest in plaintext; build the queue with EncryptedQueue and wire it with SecureSyncJob.";

function queue(props: Record<string, unknown>, keyDependency = false): StackInput {
    return {
        ...base("queue"),
        props,
        dependencies: keyDependency ? [U.key] : [],
        propertyDependencies: (keyDependency ? { kmsMasterKeyId: [U.key] } : {}) as Record<
            string,
            string[]
        >,
    };
}

describe("kubernetes-syncjob-job-enforce-encrypted-queues", () => {
    it("accepts a job wired to a queue encrypted with a key of this stack", async () => {
        const out = await checkStack(enforceEncryptedQueues, syncStack());
        assert.deepEqual(out.violations, []);
    });

    it("rejects a job whose configuration references an unencrypted queue, once even when its role is granted it too", async () => {
        const out = await checkStack(
            enforceEncryptedQueues,
            syncStack({ replace: { queue: queue({ name: "crm-events" }) } }),
        );
        assert.deepEqual(out.violations, [
            `${JOB} is wired through its configuration to SQS queue "crm-events", which ${PLAIN}`,
        ]);
        assert.deepEqual(out.urns, [U.cron]);
    });

    it("rejects a queue the job reaches only through an IAM grant of its role", async () => {
        const cron = base("cron");
        const out = await checkStack(
            enforceEncryptedQueues,
            syncStack({
                replace: {
                    queue: queue({}),
                    cron: { ...cron, dependencies: [U.namespace, U.sa], propertyDependencies: {} },
                },
            }),
        );
        assert.deepEqual(out.violations, [
            `${JOB} is wired through an IAM grant of its role to SQS queue "crm-events", which ${PLAIN}`,
        ]);
    });

    it("follows managed policies attached to the role", async () => {
        const cron = base("cron");
        const policyUrn = urn("aws:iam/policy:Policy", "send");
        const out = await checkStack(
            enforceEncryptedQueues,
            syncStack({
                replace: {
                    queue: queue({}),
                    rolePolicy: null,
                    cron: { ...cron, dependencies: [U.sa], propertyDependencies: {} },
                },
                extra: [
                    {
                        type: "aws:iam/policy:Policy",
                        name: "send",
                        props: { policy: "{}" },
                        dependencies: [U.queue],
                    },
                    {
                        type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                        name: "attach",
                        props: {},
                        dependencies: [U.role, policyUrn],
                    },
                ],
            }),
        );
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /through an IAM grant of its role to SQS queue "crm-events"/,
        );
    });

    it("accepts a literal KMS key id and rejects an empty one", async () => {
        const literal = await checkStack(
            enforceEncryptedQueues,
            syncStack({ replace: { queue: queue({ kmsMasterKeyId: "alias/crm-events" }) } }),
        );
        assert.deepEqual(literal.violations, []);
        const empty = await checkStack(
            enforceEncryptedQueues,
            syncStack({ replace: { queue: queue({ kmsMasterKeyId: " " }) } }),
        );
        assert.equal(empty.violations.length, 1);
    });

    it("rejects SSE-SQS unless config allows it", async () => {
        const stack = syncStack({ replace: { queue: queue({ sqsManagedSseEnabled: true }) } });
        const strict = await checkStack(enforceEncryptedQueues, stack);
        assert.deepEqual(strict.violations, [
            `${JOB} is wired through its configuration to SQS queue "crm-events", which uses SSE-SQS, an AWS-owned key this organisation cannot control, for the personal data the job moves; build the queue with EncryptedQueue and wire it with SecureSyncJob.`,
        ]);
        assert.deepEqual(
            (await checkStack(enforceEncryptedQueues, stack, { allowSqsManagedSse: true }))
                .violations,
            [],
        );
    });

    it("accepts a key that is unknown during preview when it comes from a key of this stack", async () => {
        const out = await checkStack(
            enforceEncryptedQueues,
            syncStack({ replace: { queue: queue({ kmsMasterKeyId: unknown.string }, true) } }),
        );
        assert.deepEqual(out.violations, []);
        assert.equal(out.unknownDuringPreview, undefined);
    });

    it("leaves any other unknown key to the framework instead of reporting it", async () => {
        const out = await checkStack(
            enforceEncryptedQueues,
            syncStack({ replace: { queue: queue({ kmsMasterKeyId: unknown.string }) } }),
        );
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kmsMasterKeyId/);
    });

    it("ignores queues no sync job is wired to", async () => {
        const out = await checkStack(
            enforceEncryptedQueues,
            syncStack({ extra: [{ type: T.queue, name: "other", props: {} }] }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("ignores unlabelled jobs unless config treats every job as a sync job", async () => {
        const stack = syncStack({ jobLabels: {}, replace: { queue: queue({}) } });
        assert.deepEqual((await checkStack(enforceEncryptedQueues, stack)).violations, []);
        assert.equal(
            (await checkStack(enforceEncryptedQueues, stack, { allJobs: true })).violations.length,
            1,
        );
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkStack(
            enforceEncryptedQueues,
            syncStack({
                replace: { queue: queue({ kmsMasterKeyId: 42, sqsManagedSseEnabled: "yes" }) },
            }),
        );
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /is not encrypted with a KMS key/);
    });
});
