import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    API_ACCESS_ANNOTATION,
    remediateApiToken,
    serviceAccountFindings,
} from "../../../../lib/serviceAccounts";

const NAME = "kubernetes-core-pod-configure-service-account";

/**
 * Pods run as their own service account and mount no API token they do not use (Article 25(2)).
 * Advisory for workloads in general; sync jobs are held to it by the mandatory
 * `kubernetes-batch-syncjob-configure-service-account`.
 */
export const configureServiceAccount: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that pods do not run as the "default" service account and do not mount an API token they have not declared a need for.',
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps: `Set \`serviceAccountName\` to a service account of the workload's own and \`automountServiceAccountToken: false\`; annotate the pod \`${API_ACCESS_ANNOTATION}: "true"\` when it really calls the Kubernetes API.`,
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const found = serviceAccountFindings(args.type, args.props, args.name);
        if (!found) {
            return;
        }
        if (found.syncJob) {
            args.notApplicable(
                "sync jobs are checked by kubernetes-batch-syncjob-configure-service-account",
            );
        }
        found.messages.forEach((m) => reportViolation(m));
    },
    remediateResource: (args) => remediateApiToken(args, false),
};
