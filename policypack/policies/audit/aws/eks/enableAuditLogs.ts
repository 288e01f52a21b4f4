import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { stringList } from "../../../../lib/read";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-eks-cluster-enable-audit-logs";

/**
 * The Kubernetes audit log records who read which Secret and who exec'd into which pod — the trail
 * of access to the personal data a cluster's workloads process (Articles 30 and 32(1)(d)). EKS
 * sends it to CloudWatch Logs only when `enabledClusterLogTypes` lists `audit`; by default it lists
 * nothing. (The `eks:index:Cluster` component is checked by its own rule.)
 */
export const enableAuditLogs: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that EKS clusters send their Kubernetes audit log to CloudWatch Logs.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("audit", "gdpr-art-30", "gdpr-art-32"),
    remediationSteps:
        'Add "audit" (and "authenticator") to the cluster\'s `enabledClusterLogTypes`.',
    url: ruleUrl(NAME),
    validateResource: ofType("aws:eks/cluster:Cluster", (args, reportViolation) => {
        const types = stringList(args.props.enabledClusterLogTypes);
        if (types.some((t) => t.toLowerCase() === "audit")) {
            return;
        }
        const shown =
            types.length > 0 ? `lists only ${types.map((t) => `"${t}"`).join(", ")}` : "is empty";
        reportViolation(
            `EKS cluster "${args.name}" does not send its Kubernetes audit log to CloudWatch Logs (\`enabledClusterLogTypes\` ${shown}), so nobody can tell who read a Secret or exec'd into a pod; add "audit" to \`enabledClusterLogTypes\`.`,
        );
    }),
};
