import type { ResourceValidationPolicy } from "@pulumi/policy";
import { MAX_SESSION_DURATION_SECONDS } from "../../../../lib/limits";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-iam-role-configure-max-session-duration";

/** Policy config of {@link configureMaxSessionDuration}. */
export interface ConfigureMaxSessionDurationConfig {
    /** Longest `maxSessionDuration` (seconds) a role may allow. */
    maxSessionDurationSeconds?: number;
}

/**
 * Short sessions make a leaked credential expire soon (Article 32(1)(b)): roles keep
 * `maxSessionDuration` at or below the configured ceiling (one hour by default).
 */
export const configureMaxSessionDuration: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that IAM roles do not allow sessions longer than the configured maximum.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: tags("least-privilege", "gdpr-art-32"),
    remediationSteps:
        "Lower `maxSessionDuration` to the configured maximum (3600 seconds by default) or leave it unset; the job re-assumes the role when its session ends.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            maxSessionDurationSeconds: {
                type: "integer",
                default: MAX_SESSION_DURATION_SECONDS,
                description: "Longest maxSessionDuration (seconds) a role may allow.",
            },
        },
    },
    validateResource: ofType("aws:iam/role:Role", (args, reportViolation) => {
        const configured =
            args.getConfig<ConfigureMaxSessionDurationConfig>().maxSessionDurationSeconds;
        const max =
            typeof configured === "number" && configured > 0
                ? configured
                : MAX_SESSION_DURATION_SECONDS;
        const value = args.props.maxSessionDuration;
        const seconds =
            typeof value === "number"
                ? value
                : typeof value === "string" && /^\d+$/.test(value.trim())
                  ? Number(value)
                  : undefined;
        if (seconds === undefined || seconds <= max) {
            return;
        }
        reportViolation(
            `IAM role "${args.name}" maxSessionDuration is "${seconds}" seconds; sessions should last at most ${max} seconds so a leaked credential expires soon, so lower it to ${max} or leave it unset (LeastPrivilegeRole does).`,
        );
    }),
};
