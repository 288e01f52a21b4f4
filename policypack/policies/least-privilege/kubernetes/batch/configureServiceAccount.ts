import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    API_ACCESS_ANNOTATION,
    remediateApiToken,
    serviceAccountFindings,
} from "../../../../lib/serviceAccounts";
import { SYNC_JOB_LABEL } from "../../../../lib/syncPath";

const NAME = "kubernetes-batch-syncjob-configure-service-account";

/**
 * A workload labelled as a sync job moves personal data, so it is held to the service-account rule
 * as a mandatory one: its own service account, and no API token it does not use (Article 25(2)).
 */
export const configureServiceAccount: ResourceValidationPolicy = {
    name: NAME,
    description: `Checks that workloads labelled "${SYNC_JOB_LABEL}" run as a service account of their own and mount no API token they have not declared a need for.`,
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps: `Set \`serviceAccountName\` to the job's own service account and \`automountServiceAccountToken: false\` (SecureSyncJob does both); annotate the pod \`${API_ACCESS_ANNOTATION}: "true"\` when it really calls the Kubernetes API.`,
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const found = serviceAccountFindings(args.type, args.props, args.name);
        if (!found || !found.syncJob) {
            return;
        }
        found.messages.forEach((m) => reportViolation(m));
    },
    remediateResource: (args) => remediateApiToken(args, true),
};
