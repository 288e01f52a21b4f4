import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkStorageEncryption } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-rds-database-enable-storage-encryption";
const TYPES = new Set(["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"]);
const FIX =
    "set `storageEncrypted: true` and a customer-managed `kmsKeyId`; an existing database is re-created for it (restore an encrypted copy of its latest snapshot).";

/**
 * A database is where personal data lies longest, with its automated backups and snapshots
 * (Article 32(1)(a)): RDS instances and clusters encrypt their storage. RDS defaults to unencrypted
 * (Aurora Serverless v2 included); only Aurora Serverless v1 (`engineMode: "serverless"`) is
 * always encrypted, so only there is an unset `storageEncrypted` accepted. A database restored from
 * a snapshot without `storageEncrypted` is reported, since its encryption then depends on a
 * snapshot the stack does not show; a read replica follows its source, which is the one checked.
 */
export const enableStorageEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that RDS and Aurora databases encrypt their storage at rest.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `storageEncrypted: true` and `kmsKeyId` to a customer-managed KMS key. Encryption can only be chosen when the database is created: migrate an existing one by restoring an encrypted copy of its snapshot.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!TYPES.has(args.type)) {
            return;
        }
        checkStorageEncryption(args, reportViolation, FIX);
    },
};
