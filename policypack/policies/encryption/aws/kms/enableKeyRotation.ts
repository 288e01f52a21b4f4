import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isSymmetricEncryptionKey } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-kms-key-enable-key-rotation";

/**
 * A key that never rotates puts everything it ever encrypted at the mercy of one key material
 * (Article 32(1)(a)). Only symmetric encryption keys can rotate automatically; other keys are not
 * applicable.
 */
export const enableKeyRotation: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that symmetric KMS keys have automatic key rotation enabled.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps: "Set `enableKeyRotation: true` on the key.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:kms/key:Key", (args, reportViolation) => {
        if (!isSymmetricEncryptionKey(args.props)) {
            args.notApplicable("Only symmetric encryption keys support automatic rotation.");
        }
        const rotation = args.props.enableKeyRotation;
        if (rotation === true) {
            return;
        }
        const shown = rotation === false ? "false" : "unset";
        reportViolation(
            `KMS key "${args.name}" does not rotate (\`enableKeyRotation\` is ${shown}), so one exposed key material unlocks every record it ever encrypted; set \`enableKeyRotation: true\`.`,
        );
    }),
    // Unambiguous and safe: KMS keeps every older key material, so data encrypted before still
    // decrypts. Writes through the props proxy; asymmetric and HMAC keys are left alone.
    remediateResource: (args) => {
        if (
            args.type !== "aws:kms/key:Key" ||
            !isSymmetricEncryptionKey(args.props) ||
            args.props.enableKeyRotation === true
        ) {
            return undefined;
        }
        args.props.enableKeyRotation = true;
        return args.props;
    },
};
