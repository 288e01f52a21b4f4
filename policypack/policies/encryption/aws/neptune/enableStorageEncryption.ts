import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkStorageEncryption } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-neptune-cluster-enable-storage-encryption";
const TYPES = new Set(["aws:neptune/cluster:Cluster"]);
const FIX =
    "set `storageEncrypted: true` and a customer-managed `kmsKeyArn`; an existing cluster is re-created for it (restore an encrypted copy of its latest snapshot).";

/**
 * A graph of people and their relations is personal data at rest (Article 32(1)(a)): Neptune
 * clusters encrypt their storage, which they do not by default.
 */
export const enableStorageEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Neptune clusters encrypt their storage at rest.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `storageEncrypted: true` and `kmsKeyArn` to a customer-managed KMS key. Encryption can only be chosen when the cluster is created: migrate an existing one by restoring an encrypted copy of its snapshot.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!TYPES.has(args.type)) {
            return;
        }
        checkStorageEncryption(args, reportViolation, FIX);
    },
};
