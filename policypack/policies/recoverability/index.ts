import type { Policies } from "@pulumi/policy";
import { configureDeadLetterQueue as sqsConfigureDeadLetterQueue } from "./aws/sqs/configureDeadLetterQueue";
import { configureBackoffLimit as jobConfigureBackoffLimit } from "./kubernetes/batch/configureBackoffLimit";
import { configureDeadline as jobConfigureDeadline } from "./kubernetes/batch/configureDeadline";
import { enforceForbidConcurrency as cronJobEnforceForbidConcurrency } from "./kubernetes/batch/enforceForbidConcurrency";

/** The `recoverability` family, in documentation order. */
export const recoverabilityPolicies: Policies = [
    sqsConfigureDeadLetterQueue,
    cronJobEnforceForbidConcurrency,
    jobConfigureBackoffLimit,
    jobConfigureDeadline,
];
