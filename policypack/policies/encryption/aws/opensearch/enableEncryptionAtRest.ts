import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkStorageEncryption } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-opensearch-domain-enable-encryption-at-rest";
const TYPES = new Set(["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"]);
const FIX = "set `encryptAtRest: { enabled: true, kmsKeyId: <customer-managed key ARN> }`.";

/**
 * A search index holds copies of the personal data it was fed, with its snapshots (Article
 * 32(1)(a)): OpenSearch and Elasticsearch domains encrypt at rest. Without an `encryptAtRest`
 * block the provider creates the domain unencrypted.
 */
export const enableEncryptionAtRest: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that OpenSearch and Elasticsearch domains encrypt their data at rest.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `encryptAtRest: { enabled: true, kmsKeyId: <customer-managed key ARN> }` (engine OpenSearch or Elasticsearch 5.1 and later).",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!TYPES.has(args.type)) {
            return;
        }
        checkStorageEncryption(args, reportViolation, FIX);
    },
};
