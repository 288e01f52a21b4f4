import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkPubliclyAccessible, type PublicFlagType } from "../../../../lib/exposure";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-rds-instance-disallow-public-access";

const TYPES: Record<string, PublicFlagType> = {
    "aws:rds/instance:Instance": { subject: "RDS instance", defaultPublic: false },
    "aws:rds/clusterInstance:ClusterInstance": {
        subject: "RDS cluster instance",
        defaultPublic: false,
    },
};

/**
 * A database that holds personal data should not be made accessible to an indefinite number of
 * people (Article 25(2)): an RDS or Aurora instance with `publiclyAccessible: true` gets a public
 * DNS name and address, one security-group mistake away from the internet.
 */
export const disallowPublicAccess: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that RDS and Aurora database instances are not publicly accessible.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `publiclyAccessible: false` (the default) and reach the database from inside the VPC: private subnets in its `dbSubnetGroupName`, a security group that admits only the sync job.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const spec = TYPES[args.type];
        if (spec) {
            checkPubliclyAccessible(spec, args.name, args.props, reportViolation);
        }
    },
};
