import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject, flagProblem } from "../../../../lib/read";

const NAME = "aws-lb-loadbalancer-enable-access-logs";
const TYPES = new Set(["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"]);

/**
 * A load balancer in front of a sync endpoint or an API sees every request that reaches the
 * personal data behind it (Articles 30 and 32(1)(d)): Application and Network Load Balancers write
 * access logs to S3. The provider leaves `accessLogs.enabled` false even when a bucket is named, so
 * the bucket alone is not enough. Gateway Load Balancers have no access logs and are not checked.
 */
export const enableAccessLogs: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Application and Network Load Balancers write access logs.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: tags("audit", "gdpr-art-30", "gdpr-art-32"),
    remediationSteps:
        "Set `accessLogs: { bucket: <log bucket>, enabled: true }` on the load balancer (the bucket's policy must let the ELB log delivery write to it).",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!TYPES.has(args.type)) {
            return;
        }
        const kind = args.props.loadBalancerType;
        if (typeof kind === "string" && kind.toLowerCase() === "gateway") {
            args.notApplicable("A Gateway Load Balancer has no access logs.");
        }
        const why = flagProblem("accessLogs.enabled", asObject(args.props.accessLogs).enabled);
        if (why !== undefined) {
            reportViolation(
                `Load balancer "${args.name}" writes no access logs (${why}), so there is no record of who sent which request to the services behind it; set \`accessLogs: { bucket: <log bucket>, enabled: true }\`.`,
            );
        }
    },
};
