import type { ResourceValidationPolicy } from "@pulumi/policy";
import { accountOfPrincipal } from "../../../../lib/arn";
import { isServiceWildcard } from "../../../../lib/iam/actions";
import {
    conditionEntries,
    parsePolicyDocument,
    principalValues,
    type IamStatement,
} from "../../../../lib/iam/document";
import { resourcePolicyDocument } from "../../../../lib/iam/locate";
import { describeStatement } from "../../../../lib/iam/wording";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-kms-key-disallow-external-full-access";
const SUBJECTS: Record<string, string> = {
    "aws:kms/key:Key": "KMS key",
    "aws:kms/keyPolicy:KeyPolicy": "KMS key policy",
};
/** Condition keys that pin a wildcard principal to known callers' accounts. */
const ACCOUNT_CONDITION_KEYS = ["kms:CallerAccount", "aws:PrincipalAccount"];

/** Policy config of {@link disallowExternalFullAccess}. */
export interface DisallowExternalFullAccessConfig {
    /** The organisation's own AWS account ids; the provider's `allowedAccountIds` are added to them. */
    accountIds?: string[];
}

function ownAccounts(
    config: DisallowExternalFullAccessConfig,
    providerProps: Record<string, any> | undefined,
): Set<string> {
    const out = new Set<string>();
    const configured = Array.isArray(config.accountIds) ? config.accountIds : [];
    let allowed: unknown = providerProps?.allowedAccountIds;
    if (typeof allowed === "string") {
        try {
            allowed = JSON.parse(allowed);
        } catch {
            allowed = [allowed];
        }
    }
    for (const id of [...configured, ...(Array.isArray(allowed) ? allowed : [])]) {
        if (typeof id === "string" && /^\d{12}$/.test(id.trim())) {
            out.add(id.trim());
        }
    }
    return out;
}

/** The action that makes a statement a full-access grant, or undefined: `*`, `kms:*`, or an Allow with `NotAction`. */
function fullAccessAction(s: IamStatement): string | undefined {
    const wildcard = (s.actions ?? []).find(
        (a) => isServiceWildcard(a) && (a.trim() === "*" || a.trim().toLowerCase() === "kms:*"),
    );
    if (wildcard !== undefined) {
        return wildcard;
    }
    if (s.notActions !== undefined) {
        return `NotAction ${s.notActions.map((a) => `"${a}"`).join(", ")}`;
    }
    return undefined;
}

/** True when a wildcard principal is pinned to the caller's account by a condition (to own accounts, when known). */
function pinnedToAccount(s: IamStatement, own: Set<string>): boolean {
    return ACCOUNT_CONDITION_KEYS.some((key) =>
        conditionEntries(s, key).some(
            ({ operator, values }) =>
                /^string(equals|like)$/i.test(operator) &&
                values.length > 0 &&
                (own.size === 0 || values.every((v) => own.has(v))),
        ),
    );
}

/**
 * Full control of a key (`kms:*`) handed to a principal outside the account lets it decrypt every
 * record the key protects, or destroy the key (Article 32(1)(b)). Reads key policies through the
 * shared IAM reader; an unreadable policy is a violation (fail closed).
 */
export const disallowExternalFullAccess: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that KMS key policies do not grant kms:* to principals outside the account.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Grant principals outside the account only the KMS actions they need (e.g. `kms:Decrypt`), or pin a wildcard principal with a `kms:CallerAccount` condition.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            accountIds: {
                type: "array",
                items: { type: "string" },
                default: [],
                description:
                    "The organisation's own AWS account ids (the provider's allowedAccountIds are added); account principals are only judged when at least one is known.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const subject = SUBJECTS[args.type];
        if (!subject) {
            return;
        }
        const found = resourcePolicyDocument(args.type, args.props);
        if (!found) {
            return;
        }
        const parsed = parsePolicyDocument(found.doc);
        if (!parsed.ok) {
            reportViolation(
                `${subject} "${args.name}" has a \`${found.place}\` that cannot be read, so who controls the key cannot be checked: ${parsed.error} Fix the document so it is valid JSON IAM policy.`,
            );
            return;
        }
        const own = ownAccounts(
            args.getConfig<DisallowExternalFullAccessConfig>(),
            args.provider?.props,
        );
        const fix =
            'grant it only the actions it needs (e.g. "kms:Decrypt") or pin it to your account with a `kms:CallerAccount` condition.';
        for (const s of parsed.statements) {
            if (s.effect !== "Allow" || s.principal === undefined) {
                continue;
            }
            const action = fullAccessAction(s);
            if (action === undefined) {
                continue;
            }
            const shownAction = action.startsWith("NotAction") ? action : `"${action}"`;
            const outsiders: string[] = [];
            const aws = principalValues(s.principal, "AWS");
            if (s.principal === "*" || aws.includes("*")) {
                if (!pinnedToAccount(s, own)) {
                    outsiders.push("*");
                }
            }
            for (const p of aws) {
                if (p === "*") {
                    continue;
                }
                const account = accountOfPrincipal(p);
                if (own.size > 0 && (account === undefined || !own.has(account))) {
                    outsiders.push(p);
                }
            }
            if (s.principal !== "*") {
                outsiders.push(...principalValues(s.principal, "Service"));
            }
            for (const p of outsiders) {
                reportViolation(
                    `${subject} "${args.name}" \`${found.place}\` ${describeStatement(s)} grants ${shownAction} to "${p}", a principal outside the account that could then decrypt or destroy everything the key protects; ${fix}`,
                );
            }
        }
    },
};
