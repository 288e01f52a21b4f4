import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeDuration, parseDurationSeconds } from "../../../../lib/durations";
import { MAX_TOKEN_MAX_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS } from "../../../../lib/limits";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "vault-database-secretbackendrole-enforce-credential-ttls";

/** Policy config of {@link enforceCredentialTtls}. */
export interface EnforceCredentialTtlsConfig {
    /** Longest `defaultTtl` (seconds). */
    maxDefaultTtl?: number;
    /** Longest `maxTtl` (seconds). */
    maxMaxTtl?: number;
}

/** Dynamic database credentials are only as short-lived as the role's TTLs make them. */
export const enforceCredentialTtls: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Vault database secret backend roles issue credentials with explicit, short TTLs.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `defaultTtl` and `maxTtl` on the role to at most the configured maxima; never 0, which means the system default (32 days).",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            maxDefaultTtl: {
                type: "number",
                default: MAX_TOKEN_TTL_SECONDS,
                description: "Longest `defaultTtl` in seconds.",
            },
            maxMaxTtl: {
                type: "number",
                default: MAX_TOKEN_MAX_TTL_SECONDS,
                description: "Longest `maxTtl` in seconds.",
            },
        },
    },
    validateResource: ofType(
        "vault:database/secretBackendRole:SecretBackendRole",
        (args, reportViolation) => {
            const config = args.getConfig<EnforceCredentialTtlsConfig>();
            const role = typeof args.props.name === "string" ? args.props.name : args.name;
            const limits: [string, number][] = [
                ["defaultTtl", config.maxDefaultTtl ?? MAX_TOKEN_TTL_SECONDS],
                ["maxTtl", config.maxMaxTtl ?? MAX_TOKEN_MAX_TTL_SECONDS],
            ];
            for (const [field, max] of limits) {
                const raw = args.props[field];
                const seconds = parseDurationSeconds(raw);
                const fix = `set \`${field}\` to at most ${describeDuration(max)}`;
                if (raw === undefined || raw === null || raw === "") {
                    reportViolation(
                        `Vault database role "${role}" does not set \`${field}\`, so its credentials get the system default (32 days); ${fix}.`,
                    );
                } else if (seconds === undefined) {
                    reportViolation(
                        `Vault database role "${role}" has a \`${field}\` of "${String(raw)}" that cannot be read as a duration; ${fix}.`,
                    );
                } else if (seconds === 0) {
                    reportViolation(
                        `Vault database role "${role}" sets \`${field}\` to 0, which means the system default (32 days); ${fix}.`,
                    );
                } else if (seconds > max) {
                    reportViolation(
                        `Vault database role "${role}" sets \`${field}\` to ${describeDuration(seconds)}, longer than the ${describeDuration(max)} allowed; ${fix}.`,
                    );
                }
            }
        },
    ),
};
