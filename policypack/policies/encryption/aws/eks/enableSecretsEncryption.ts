import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { isInside } from "../../../../lib/urn";
import { asArray, asObject } from "../../../../lib/read";

const NAME = "aws-eks-cluster-enable-secrets-encryption";

const EKS_COMPONENT = ["eks:index:Cluster"];

/** True when a provider cluster's `encryptionConfig` names a key and covers `secrets`. */
function encryptsSecrets(props: Record<string, any>): boolean {
    const config = asObject(props.encryptionConfig);
    const keyArn = asObject(config.provider).keyArn;
    return (
        typeof keyArn === "string" &&
        keyArn.trim() !== "" &&
        asArray(config.resources).some((r) => r === "secrets")
    );
}

/**
 * The Kubernetes Secrets of a cluster that runs sync jobs hold the credentials to personal data
 * (Article 32(1)(a)). EKS envelope-encrypts them with an AWS-owned key by default since Kubernetes
 * 1.28; a customer-managed KMS key is what lets the organisation restrict, audit and revoke their
 * decryption. Advisory: it asks for the key on the provider's `encryptionConfig` and on the
 * `eks.Cluster` component's `encryptionConfigKeyArn`.
 */
export const enableSecretsEncryption: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that EKS clusters encrypt Kubernetes Secrets with a customer-managed KMS key.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        'Create a KMS key with rotation and pass its ARN as `encryptionConfigKeyArn` (eks.Cluster) or `encryptionConfig: { provider: { keyArn }, resources: ["secrets"] }` (aws.eks.Cluster).',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (args.type === "aws:eks/cluster:Cluster") {
            if (isInside(args.urn, EKS_COMPONENT)) {
                return; // judged on the eks.Cluster component's encryptionConfigKeyArn
            }
            if (!encryptsSecrets(args.props)) {
                reportViolation(
                    `EKS cluster "${args.name}" has no \`encryptionConfig\` with a KMS \`provider.keyArn\` for "secrets", so the credentials its Secrets hold are encrypted only with an AWS-owned key the organisation cannot restrict or audit; add \`encryptionConfig: { provider: { keyArn }, resources: ["secrets"] }\`.`,
                );
            }
        } else if (args.type === "eks:index:Cluster") {
            const keyArn: unknown = args.props.encryptionConfigKeyArn;
            if (typeof keyArn !== "string" || keyArn.trim() === "") {
                reportViolation(
                    `eks.Cluster "${args.name}" sets no \`encryptionConfigKeyArn\`, so the credentials its Secrets hold are encrypted only with an AWS-owned key the organisation cannot restrict or audit; pass a customer-managed KMS key's ARN as \`encryptionConfigKeyArn\`.`,
                );
            }
        }
    },
};
