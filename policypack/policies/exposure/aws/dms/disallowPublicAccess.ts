import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkPubliclyAccessible, type PublicFlagType } from "../../../../lib/exposure";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-dms-replicationinstance-disallow-public-access";

const TYPES: Record<string, PublicFlagType> = {
    "aws:dms/replicationInstance:ReplicationInstance": {
        subject: "DMS replication instance",
        defaultPublic: true,
    },
};

/**
 * A replication instance reads every row of the source and target databases, so it should not be
 * reachable by an indefinite number of people (Article 25(2)). AWS gives a DMS replication instance
 * a public IP address unless `publiclyAccessible` is false, so leaving it unset is an offence too.
 */
export const disallowPublicAccess: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that DMS replication instances set publiclyAccessible false.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `publiclyAccessible: false` explicitly (AWS makes a replication instance public when it is not set) and place it in a private `replicationSubnetGroupId`.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const spec = TYPES[args.type];
        if (spec) {
            checkPubliclyAccessible(spec, args.name, args.props, reportViolation);
        }
    },
};
