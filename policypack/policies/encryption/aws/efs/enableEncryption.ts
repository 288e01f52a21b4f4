import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkStorageEncryption } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-efs-filesystem-enable-encryption";
const TYPES = new Set(["aws:efs/fileSystem:FileSystem"]);
const FIX =
    "set `encrypted: true` and a customer-managed `kmsKeyId`; an existing file system is re-created for it (copy its data with DataSync or an AWS Backup restore).";

/**
 * Files a sync job exports or shares live on in the file system (Article 32(1)(a)): EFS file
 * systems encrypt at rest, which they do not by default.
 */
export const enableEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that EFS file systems encrypt their data at rest.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `encrypted: true` and `kmsKeyId` to a customer-managed KMS key. Encryption can only be chosen when the file system is created: copy the data to a new encrypted file system (AWS DataSync or AWS Backup restore).",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!TYPES.has(args.type)) {
            return;
        }
        checkStorageEncryption(args, reportViolation, FIX);
    },
};
