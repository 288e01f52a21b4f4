import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding } from "../../../../lib/secrets/detector";
import { providerCredentials } from "../../../../lib/secrets/findings";
import { ofType } from "../../../../lib/ofType";

const NAME = "pulumi-providers-vault-disallow-static-token";

/**
 * A Vault token in provider config is a static, usually long-lived, usually over-privileged
 * credential. Deployments log in (`authLogin*` with a JWT/OIDC or Kubernetes identity) instead.
 */
export const disallowStaticToken: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Vault providers are not configured with a static token or password.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove `token` (and `vault:token` stack config); configure `authLoginJwt`/`authLoginOidc` or `authLoginKubernetes` so the deployment logs in with its own short-lived identity.",
    url: ruleUrl(NAME),
    validateResource: ofType("pulumi:providers:vault", async (args, reportViolation) => {
        // `token` is a credential whatever it looks like; other fields (the `authLogin*` blocks
        // arrive as JSON strings) are scanned for passwords and secret ids.
        for await (const { key, finding } of providerCredentials(args.props, ["token"])) {
            reportViolation(
                `Vault provider "${args.name}" field "${key}" holds a static credential (${describeFinding(finding)}); remove it and log in with \`authLoginJwt\` or \`authLoginKubernetes\` so the token is short-lived.`,
            );
        }
    }),
};
