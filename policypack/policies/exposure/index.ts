import type { Policies } from "@pulumi/policy";
import { disallowPublicAccess as dmsDisallowPublicAccess } from "./aws/dms/disallowPublicAccess";
import { disallowPublicIngress as ec2DisallowPublicIngress } from "./aws/ec2/disallowPublicIngress";
import { enforceImdsv2 as ec2EnforceImdsv2 } from "./aws/ec2/enforceImdsv2";
import { configurePublicAccessCidrs as eksConfigurePublicAccessCidrs } from "./aws/eks/configurePublicAccessCidrs";
import { disallowPublicAccess as opensearchDisallowPublicAccess } from "./aws/opensearch/disallowPublicAccess";
import { disallowPublicAccess as rdsDisallowPublicAccess } from "./aws/rds/disallowPublicAccess";
import { disallowPublicAccess as redshiftDisallowPublicAccess } from "./aws/redshift/disallowPublicAccess";
import { disallowPublicAcls as s3DisallowPublicAcls } from "./aws/s3/disallowPublicAcls";
import { enableAllProtections as s3EnableAllProtections } from "./aws/s3/enableAllProtections";
import { disallowPlaintextServices } from "./kubernetes/core/disallowPlaintextServices";

/** The `exposure` family (Article 25(2): not accessible to an indefinite number of people), in documentation order. */
export const exposurePolicies: Policies = [
    // Network reach
    ec2DisallowPublicIngress,
    disallowPlaintextServices,
    eksConfigurePublicAccessCidrs,
    ec2EnforceImdsv2,
    // Data stores with a public address
    rdsDisallowPublicAccess,
    redshiftDisallowPublicAccess,
    dmsDisallowPublicAccess,
    opensearchDisallowPublicAccess,
    // S3
    s3EnableAllProtections,
    s3DisallowPublicAcls,
];
