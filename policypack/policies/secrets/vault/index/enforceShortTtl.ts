import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeDuration, parseDurationSeconds } from "../../../../lib/durations";
import { MAX_TOKEN_TTL_SECONDS } from "../../../../lib/limits";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray } from "../../../../lib/read";
import { ttlMaximaProperties } from "../../../../lib/sharedConfig";
import { ofType } from "../../../../lib/ofType";

const NAME = "vault-index-token-enforce-short-ttl";

/** Policy config of {@link enforceShortTtl}. */
export interface EnforceShortTtlConfig {
    /** Longest `ttl` (seconds) a token minted by the stack may have. */
    maxTokenTtl?: number;
}

/**
 * A token minted by the program is a bearer credential in the state. If one must exist it is
 * short-lived, a child of the creating token (revoked with it), not root and not periodic.
 */
export const enforceShortTtl: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Vault tokens minted by the stack are short-lived, parented, non-periodic and not root.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Prefer no `vault.Token` at all: let the workload log in with its own identity (VaultWorkloadIdentity does). Otherwise set `ttl` to at most the configured maximum, drop `period`, `noParent` and the `root` policy.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            // Bounds the token's `ttl`. A vault.Token's `explicitMaxTtl` is not checked here, so
            // the shared maxTokenMaxTtl is deliberately not spread in (it would configure nothing).
            maxTokenTtl: ttlMaximaProperties.maxTokenTtl,
        },
    },
    validateResource: ofType("vault:index/token:Token", (args, reportViolation) => {
        const max = args.getConfig<EnforceShortTtlConfig>().maxTokenTtl ?? MAX_TOKEN_TTL_SECONDS;
        const fix = "let the workload log in with its own identity (VaultWorkloadIdentity does)";
        const ttlRaw = args.props.ttl;
        const ttl = parseDurationSeconds(ttlRaw);
        if (ttlRaw === undefined || ttlRaw === null || ttlRaw === "") {
            reportViolation(
                `Vault token "${args.name}" has no \`ttl\`, so it lives as long as the mount's default (32 days); set \`ttl\` to at most ${describeDuration(max)} or ${fix}.`,
            );
        } else if (ttl === undefined) {
            reportViolation(
                `Vault token "${args.name}" has a \`ttl\` of "${String(ttlRaw)}" that cannot be read as a duration; set \`ttl\` to at most ${describeDuration(max)} or ${fix}.`,
            );
        } else if (ttl === 0 || ttl > max) {
            reportViolation(
                `Vault token "${args.name}" has \`ttl\` "${String(ttlRaw)}", longer than the ${describeDuration(max)} allowed${ttl === 0 ? " (0 means the system default, 32 days)" : ""}; shorten it or ${fix}.`,
            );
        }
        const period = args.props.period;
        if (
            period !== undefined &&
            period !== null &&
            period !== "" &&
            parseDurationSeconds(period) !== 0
        ) {
            reportViolation(
                `Vault token "${args.name}" is periodic (\`period\` "${String(period)}"), so it can be renewed forever; remove \`period\` and ${fix}.`,
            );
        }
        if (args.props.noParent === true) {
            reportViolation(
                `Vault token "${args.name}" is an orphan (\`noParent: true\`), so revoking its creator does not revoke it; remove \`noParent\` and ${fix}.`,
            );
        }
        if (asArray(args.props.policies).includes("root")) {
            reportViolation(
                `Vault token "${args.name}" carries the "root" policy; grant a policy scoped to the paths the sync reads and ${fix}.`,
            );
        }
    }),
};
