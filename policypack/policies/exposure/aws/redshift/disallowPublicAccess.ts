import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkPubliclyAccessible, type PublicFlagType } from "../../../../lib/exposure";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-redshift-cluster-disallow-public-access";

const TYPES: Record<string, PublicFlagType> = {
    "aws:redshift/cluster:Cluster": { subject: "Redshift cluster", defaultPublic: false },
};

/**
 * A data warehouse of personal data should not be made accessible to an indefinite number of people
 * (Article 25(2)): a Redshift cluster with `publiclyAccessible: true` gets a public endpoint.
 */
export const disallowPublicAccess: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Redshift clusters are not publicly accessible.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `publiclyAccessible: false` (the default of the provider since v7) and reach the cluster from inside the VPC.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const spec = TYPES[args.type];
        if (spec) {
            checkPubliclyAccessible(spec, args.name, args.props, reportViolation);
        }
    },
};
