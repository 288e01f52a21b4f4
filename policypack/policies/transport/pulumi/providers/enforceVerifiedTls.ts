import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { isTrue } from "../../../../lib/read";
import { parseUrl, shownAddress } from "../../../../lib/urls";
import { ofType } from "../../../../lib/ofType";

const NAME = "pulumi-providers-vault-enforce-verified-tls";

/**
 * The deployment talks to Vault with a token that can read personal-data credentials
 * (Article 32(1)(a)): the Vault provider's `address` is `https://` and certificate verification is
 * never skipped.
 */
export const enforceVerifiedTls: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Vault providers connect over https:// with certificate verification on.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Set `vault:address` to Vault's `https://` URL, remove `vault:skipTlsVerify`, and trust Vault's CA with `vault:caCertFile` if it is private.",
    url: ruleUrl(NAME),
    validateResource: ofType("pulumi:providers:vault", (args, reportViolation) => {
        const subject = `Vault provider "${args.name}"`;
        const raw = args.props.address;
        const url = typeof raw === "string" ? parseUrl(raw) : undefined;
        if (raw === undefined || raw === null || raw === "") {
            reportViolation(
                `${subject} sets no \`address\`, so it connects wherever VAULT_ADDR points and its transport cannot be verified; it should set \`vault:address\` to an \`https://\` URL.`,
            );
        } else if (!url || url.scheme !== "https") {
            reportViolation(
                `${subject} address "${shownAddress(raw)}" is not an \`https://\` URL, so Vault tokens and the secrets they read cross the network in plaintext; it should use "https": set \`vault:address\` to its \`https://\` URL.`,
            );
        }
        if (isTrue(args.props.skipTlsVerify)) {
            reportViolation(
                `${subject} sets skipTlsVerify true, so it would hand its token to any server that answers; it should verify Vault's certificate: remove \`vault:skipTlsVerify\` and set \`vault:caCertFile\` for a private CA.`,
            );
        }
    }),
};
