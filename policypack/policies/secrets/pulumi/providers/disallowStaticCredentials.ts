import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding } from "../../../../lib/secrets/detector";
import { providerCredentials } from "../../../../lib/secrets/findings";
import { ofType } from "../../../../lib/ofType";

const NAME = "pulumi-providers-aws-disallow-static-credentials";

/** The AWS provider's fields that only ever hold a credential. */
const CREDENTIAL_FIELDS = ["accessKey", "secretKey", "token"];

/**
 * Static AWS keys in a provider block (or in `aws:accessKey` stack config, which becomes the
 * default provider's inputs) end up in the program, the state and every CI log of it.
 */
export const disallowStaticCredentials: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that AWS providers are not configured with static credentials.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove `accessKey`/`secretKey`/`token` from the provider and from `aws:` stack config; let the deployment assume a role (OIDC from CI, or a profile backed by SSO) or read short-lived keys from Vault's AWS secrets engine.",
    url: ruleUrl(NAME),
    validateResource: ofType("pulumi:providers:aws", async (args, reportViolation) => {
        for await (const { key, finding } of providerCredentials(args.props, CREDENTIAL_FIELDS)) {
            reportViolation(
                `AWS provider "${args.name}" field "${key}" holds a static credential (${describeFinding(finding)}); remove it and let the deployment assume a role through OIDC or read short-lived keys from Vault's AWS secrets engine.`,
            );
        }
    }),
};
