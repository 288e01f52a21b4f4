import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "vault-aws-secretbackendrole-disallow-iam-users";

/** `iam_user` creates a real IAM user per lease; assumed roles and federation tokens expire on their own. */
export const disallowIamUsers: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Vault AWS secret backend roles issue assumed-role or federation-token credentials rather than IAM users.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        'Set `credentialType` to "assumed_role" (with `roleArns`) or "federation_token"; the credentials then expire with their STS session.',
    url: ruleUrl(NAME),
    validateResource: ofType(
        "vault:aws/secretBackendRole:SecretBackendRole",
        (args, reportViolation) => {
            const type = args.props.credentialType;
            if (type === "iam_user") {
                const role = typeof args.props.name === "string" ? args.props.name : args.name;
                reportViolation(
                    `Vault AWS role "${role}" issues "iam_user" credentials, long-lived IAM users that only Vault's revocation removes; use "assumed_role" or "federation_token" instead.`,
                );
            }
        },
    ),
};
