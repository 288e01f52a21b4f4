import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkPubliclyAccessible, type PublicFlagType } from "../../../../lib/exposure";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-docdb-clusterinstance-disallow-public-access";

const TYPES: Record<string, PublicFlagType> = {
    "aws:docdb/clusterInstance:ClusterInstance": {
        subject: "DocumentDB cluster instance",
        defaultPublic: false,
    },
};

/**
 * A document store of personal data should not be made accessible to an indefinite number of people (Article 25(2)): a DocumentDB instance asking for `publiclyAccessible: true` asks for a public address.
 */
export const disallowPublicAccess: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that DocumentDB cluster instances are not publicly accessible.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `publiclyAccessible: false` (the default) and reach the cluster from inside the VPC.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const spec = TYPES[args.type];
        if (spec) {
            checkPubliclyAccessible(spec, args.name, args.props, reportViolation);
        }
    },
};
