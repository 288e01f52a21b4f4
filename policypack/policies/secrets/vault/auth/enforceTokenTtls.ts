import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeDuration, parseDurationSeconds } from "../../../../lib/durations";
import { MAX_TOKEN_MAX_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS } from "../../../../lib/limits";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ttlMaximaProperties } from "../../../../lib/sharedConfig";

const NAME = "vault-auth-backendrole-enforce-token-ttls";

/** Auth backend role types and how to name them in messages. */
const ROLE_KINDS: Record<string, string> = {
    "vault:kubernetes/authBackendRole:AuthBackendRole": "Kubernetes auth role",
    "vault:jwt/authBackendRole:AuthBackendRole": "JWT/OIDC auth role",
    "vault:appRole/authBackendRole:AuthBackendRole": "AppRole auth role",
    "vault:aws/authBackendRole:AuthBackendRole": "AWS auth role",
};

/** Policy config of {@link enforceTokenTtls}. */
export interface EnforceTokenTtlsConfig {
    /** Longest `tokenTtl` (seconds). */
    maxTokenTtl?: number;
    /** Longest `tokenMaxTtl` (seconds). */
    maxTokenMaxTtl?: number;
}

/**
 * A login through an auth role yields a token; the role decides how long it lives. Unset or `0`
 * means the system default (32 days): a month-long credential from every login.
 */
export const enforceTokenTtls: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Vault auth backend roles issue tokens with explicit, short TTLs.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `tokenTtl` and `tokenMaxTtl` on the role to at most the configured maxima (VaultWorkloadIdentity does); never 0, which means the 32-day system default.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            // maxTokenTtl bounds `tokenTtl`, maxTokenMaxTtl bounds `tokenMaxTtl`.
            ...ttlMaximaProperties,
        },
    },
    validateResource: (args, reportViolation) => {
        const kind = ROLE_KINDS[args.type];
        if (!kind) {
            return;
        }
        const config = args.getConfig<EnforceTokenTtlsConfig>();
        const limits: [string, number][] = [
            ["tokenTtl", config.maxTokenTtl ?? MAX_TOKEN_TTL_SECONDS],
            ["tokenMaxTtl", config.maxTokenMaxTtl ?? MAX_TOKEN_MAX_TTL_SECONDS],
        ];
        const role = typeof args.props.roleName === "string" ? args.props.roleName : args.name;
        for (const [field, max] of limits) {
            const raw = args.props[field];
            const seconds = parseDurationSeconds(raw);
            const fix = `set \`${field}\` to at most ${describeDuration(max)} (VaultWorkloadIdentity does)`;
            if (raw === undefined || raw === null || raw === "") {
                reportViolation(
                    `${kind} "${role}" does not set \`${field}\`, so its tokens get the system default (32 days); ${fix}.`,
                );
            } else if (seconds === undefined) {
                reportViolation(
                    `${kind} "${role}" has a \`${field}\` of "${String(raw)}" that cannot be read as a duration; ${fix}.`,
                );
            } else if (seconds === 0) {
                reportViolation(
                    `${kind} "${role}" sets \`${field}\` to 0, which means the system default (32 days); ${fix}.`,
                );
            } else if (seconds > max) {
                reportViolation(
                    `${kind} "${role}" sets \`${field}\` to ${describeDuration(seconds)}, longer than the ${describeDuration(max)} allowed; ${fix}.`,
                );
            }
        }
        const period = parseDurationSeconds(args.props.tokenPeriod);
        if (
            period !== undefined &&
            period > 0 &&
            !(parseDurationSeconds(args.props.tokenExplicitMaxTtl) ?? 0)
        ) {
            reportViolation(
                `${kind} "${role}" issues periodic tokens (\`tokenPeriod\` ${describeDuration(period)}) without \`tokenExplicitMaxTtl\`, so they can be renewed forever; remove \`tokenPeriod\` or set \`tokenExplicitMaxTtl\`.`,
            );
        }
    },
};
