import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";

const NAME = "aws-redshift-parametergroup-enforce-ssl-connections";

/**
 * A warehouse of personal data accepts connections only over TLS (Article 32(1)(a)): Redshift
 * parameter groups set `require_ssl` to `true`, and clusters do not use the default group (which
 * does not).
 */
export const enforceSslConnections: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Redshift parameter groups set require_ssl and clusters do not use the default group.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Add `{ name: "require_ssl", value: "true" }` to an `aws.redshift.ParameterGroup` and set the cluster\'s `clusterParameterGroupName` to it.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (args.type === "aws:redshift/parameterGroup:ParameterGroup") {
            const entry = asArray(args.props.parameters)
                .map((p) => asObject(p))
                .find((p) => typeof p.name === "string" && p.name.toLowerCase() === "require_ssl");
            const value = entry?.value;
            if (
                (typeof value === "string" || typeof value === "boolean") &&
                String(value).toLowerCase() === "true"
            ) {
                return;
            }
            const what = entry
                ? `sets "require_ssl" to "${String(value)}"`
                : 'does not set "require_ssl"';
            reportViolation(
                `Redshift parameter group "${args.name}" ${what}, so clients may connect without TLS; it should force TLS: set "require_ssl" to "true".`,
            );
            return;
        }
        if (args.type === "aws:redshift/cluster:Cluster") {
            const group = args.props.clusterParameterGroupName;
            if (typeof group === "string" && group !== "" && !group.startsWith("default.")) {
                return;
            }
            reportViolation(
                `Redshift cluster "${args.name}" uses the default parameter group, where "require_ssl" is "false", so clients may connect without TLS; it should use a parameter group that sets "require_ssl" to "true".`,
            );
        }
    },
};
