import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeDuration, parseDurationSeconds } from "../../../../lib/durations";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "vault-approle-authbackendrole-configure-secret-id-limits";

/** Policy config of {@link configureSecretIdLimits}. */
export interface ConfigureSecretIdLimitsConfig {
    /** Longest `secretIdTtl` (seconds). */
    maxSecretIdTtl?: number;
    /** Most logins one secret id may be used for. */
    maxSecretIdNumUses?: number;
}

/** An AppRole secret id without TTL or use limit is a password that never expires. */
export const configureSecretIdLimits: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Vault AppRole roles limit the lifetime and uses of their secret ids.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `secretIdTtl` and `secretIdNumUses` within the configured maxima, or replace AppRole with Kubernetes/JWT auth so there is no secret id at all (VaultWorkloadIdentity does).",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            maxSecretIdTtl: {
                type: "number",
                default: 86400,
                description: "Longest `secretIdTtl` in seconds.",
            },
            maxSecretIdNumUses: {
                type: "number",
                default: 10,
                description: "Most logins one secret id may be used for.",
            },
        },
    },
    validateResource: ofType(
        "vault:appRole/authBackendRole:AuthBackendRole",
        (args, reportViolation) => {
            const config = args.getConfig<ConfigureSecretIdLimitsConfig>();
            const maxTtl = config.maxSecretIdTtl ?? 86400;
            const maxUses = config.maxSecretIdNumUses ?? 10;
            const role = typeof args.props.roleName === "string" ? args.props.roleName : args.name;
            const ttl = parseDurationSeconds(args.props.secretIdTtl);
            if (ttl === undefined || ttl === 0 || ttl > maxTtl) {
                const now =
                    ttl === undefined
                        ? "does not set a readable `secretIdTtl`"
                        : ttl === 0
                          ? "sets `secretIdTtl` to 0 (never expires)"
                          : `sets \`secretIdTtl\` to ${describeDuration(ttl)}`;
                reportViolation(
                    `AppRole role "${role}" ${now}; set it to at most ${describeDuration(maxTtl)} or use Kubernetes/JWT auth (VaultWorkloadIdentity does).`,
                );
            }
            const uses = args.props.secretIdNumUses;
            if (typeof uses !== "number" || uses <= 0 || uses > maxUses) {
                const now =
                    typeof uses !== "number"
                        ? "does not set `secretIdNumUses`"
                        : uses === 0
                          ? "sets `secretIdNumUses` to 0 (unlimited)"
                          : `sets \`secretIdNumUses\` to ${uses}`;
                reportViolation(
                    `AppRole role "${role}" ${now}; allow each secret id at most ${maxUses} uses or use Kubernetes/JWT auth (VaultWorkloadIdentity does).`,
                );
            }
        },
    ),
};
