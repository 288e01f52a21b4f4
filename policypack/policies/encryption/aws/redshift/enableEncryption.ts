import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkStorageEncryption } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-redshift-cluster-enable-encryption";
const TYPES = new Set(["aws:redshift/cluster:Cluster"]);
const FIX =
    "set `encrypted` to true (or leave it unset: AWS encrypts new clusters by default) with a customer-managed `kmsKeyId`.";

/**
 * A warehouse gathers the personal data of many systems in one place (Article 32(1)(a)): Redshift
 * clusters encrypt at rest. AWS encrypts new provisioned clusters by default since January 2025
 * (the provider's `encrypted` defaults to true), so only a cluster that turns it off, or sets it to
 * something that is not a boolean, is reported.
 */
export const enableEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Redshift clusters encrypt their data at rest.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Remove `encrypted: false` (or set it to true) and set `kmsKeyId` to a customer-managed KMS key; an existing cluster can be encrypted in place.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!TYPES.has(args.type)) {
            return;
        }
        checkStorageEncryption(args, reportViolation, FIX);
    },
};
