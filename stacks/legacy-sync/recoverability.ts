import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type { LegacyContext } from "./context";

/**
 * Offences of the `recoverability` family beyond the base script (see `index.ts`), whose queue has
 * no dead-letter queue and whose CronJob allows overlapping runs with no backoff limit or deadline.
 */
export function addOffences(ctx: LegacyContext): void {
    // A retry queue whose "dead-letter queue" is unencrypted, forgets messages after an hour and is
    // only reached after 100 receives (aws-sqs-queue-configure-dead-letter-queue).
    const parking = new aws.sqs.Queue("erp-retry-parking", { messageRetentionSeconds: 3600 });
    new aws.sqs.Queue("erp-retry", {
        messageRetentionSeconds: 345600,
        redrivePolicy: parking.arn.apply((arn) =>
            JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 100 }),
        ),
    });

    // A one-off backfill that retries 20 times and may run forever
    // (kubernetes-batch-job-configure-backoff-limit, kubernetes-batch-job-configure-deadline).
    new k8s.batch.v1.Job(
        "crm-erp-backfill",
        {
            metadata: { namespace: ctx.namespaceName },
            spec: {
                backoffLimit: 20,
                template: {
                    spec: {
                        restartPolicy: "Never",
                        containers: [
                            {
                                name: "backfill",
                                image: "registry.example.com/crm-erp-sync:latest",
                                args: ["--backfill"],
                            },
                        ],
                    },
                },
            },
        },
        { dependsOn: [ctx.namespace] },
    );
}
