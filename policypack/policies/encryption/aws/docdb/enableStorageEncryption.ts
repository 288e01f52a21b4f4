import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkStorageEncryption } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-docdb-cluster-enable-storage-encryption";
const TYPES = new Set(["aws:docdb/cluster:Cluster"]);
const FIX =
    "set `storageEncrypted: true` and a customer-managed `kmsKeyId`; an existing cluster is re-created for it (restore an encrypted copy of its latest snapshot).";

/**
 * A document database holds personal data, with its backups and snapshots, for as long as it runs
 * (Article 32(1)(a)): DocumentDB clusters encrypt their storage, which they do not by default.
 */
export const enableStorageEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that DocumentDB clusters encrypt their storage at rest.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `storageEncrypted: true` and `kmsKeyId` to a customer-managed KMS key. Encryption can only be chosen when the cluster is created: migrate an existing one by restoring an encrypted copy of its snapshot.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!TYPES.has(args.type)) {
            return;
        }
        checkStorageEncryption(args, reportViolation, FIX);
    },
};
