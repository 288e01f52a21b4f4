// Resource policies of SQS queues, SNS topics and S3 buckets: the SecureTransport denial every
// such policy must hold, and the stack-wide search for targets that have no policy at all.
import type { PolicyResource } from "@pulumi/policy";
import {
    type IamStatement,
    conditionValues,
    isPublicPrincipal,
    parsePolicyDocument,
} from "./iam/document";
import { resourcePolicyDocument } from "./iam/locate";
import { describeStatement, documentLabel } from "./iam/wording";
import { asArray, asObject } from "./read";

/** True when the statement denies requests made without TLS (`Bool`/`BoolIfExists` `aws:SecureTransport` `false`). */
function deniesPlaintext(s: IamStatement): boolean {
    if (s.effect !== "Deny") {
        return false;
    }
    const values = [
        ...(conditionValues(s, "Bool", "aws:SecureTransport") ?? []),
        ...(conditionValues(s, "BoolIfExists", "aws:SecureTransport") ?? []),
    ];
    return values.some((v) => v.toLowerCase() === "false");
}

/** True when the statement applies to every principal and every action of `service`. */
function coversEverything(s: IamStatement, service: string): boolean {
    const all = new Set(["*", `${service}:*`]);
    return (
        isPublicPrincipal(s.principal) &&
        s.notActions === undefined &&
        (s.actions ?? []).some((a) => all.has(a.trim().toLowerCase()))
    );
}

/**
 * The check shared by the SQS, SNS and S3 SecureTransport rules: the resource policy of `type`, when
 * it has one, holds a Deny for every principal and every `service` action when
 * `aws:SecureTransport` is `false`. Reports one message, or nothing.
 */
export function checkSecureTransport(
    type: string,
    name: string,
    props: Record<string, any>,
    service: string,
    fix: string,
    reportViolation: (message: string) => void,
): void {
    const found = resourcePolicyDocument(type, props);
    if (!found) {
        return;
    }
    const label = documentLabel(type, name, found.place);
    const parsed = parsePolicyDocument(found.doc);
    if (!parsed.ok) {
        reportViolation(
            `${label} cannot be checked for a TLS-only denial: ${parsed.error.replace(/\.$/, "")}; it should be a JSON policy document that ${fix}.`,
        );
        return;
    }
    const denials = parsed.statements.filter(deniesPlaintext);
    if (denials.some((s) => coversEverything(s, service))) {
        return;
    }
    const partial = denials[0];
    const what = partial
        ? `denies requests without TLS in ${describeStatement(partial)} only for some principals or actions`
        : 'has no statement that denies requests where "aws:SecureTransport" is "false"';
    reportViolation(
        `${label} ${what}, so personal data can be sent or read over plaintext HTTP; it should deny them for every principal and "${service}:*": ${fix}.`,
    );
}

/** Where the resource policies of one service live, and how they name the resource they govern. */
export interface PolicyTargets {
    /** Type tokens of the resources that must carry a policy (queues, topics, buckets). */
    targetTypes: string[];
    /** Type token of the separate policy resource (`aws.sqs.QueuePolicy`, …). */
    policyType: string;
    /** The policy resource's property that names its target (`queueUrl`, `arn`, `bucket`). */
    linkProperty: string;
    /** Keys a link value stands for (itself, and `name:<name>` when the name can be read from it). */
    linkKeys: (value: string) => string[];
    /** Readers of a target's keys, in the order they are tried (the input `name` first: it is usually known during preview). */
    targetKeys: ((props: Record<string, any>) => string | undefined)[];
}

export function str(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** `name:<value>`, the key that a name read from a URL or ARN shares with the target's own name. */
export function nameKey(value: unknown): string | undefined {
    const s = str(value);
    return s === undefined ? undefined : `name:${s}`;
}

/** Type guard for the keys of {@link PolicyTargets.linkKeys}. */
export function isKey(k: string | undefined): k is string {
    return k !== undefined;
}

/**
 * Calls `report` for every target that has no resource policy at all: no inline `policy` and no
 * separate policy resource in the stack that names it. A target with a policy is left to the
 * `…-enforce-secure-transport` rule, which judges every policy document, so nothing is reported
 * twice. A policy is linked to its target by the property dependency of `linkProperty` (known
 * during preview); only a policy without one is matched by value, and only then are the targets'
 * URLs, ARNs and names read. Targets that can be judged without reading a value are reported
 * first, so a value that is unknown during preview (which the framework reports) costs nothing else.
 */
export function reportTargetsWithoutPolicy(
    resources: PolicyResource[],
    spec: PolicyTargets,
    report: (target: PolicyResource) => void,
): void {
    const targets: PolicyResource[] = [];
    const targetUrns = new Set<string>();
    const policies: PolicyResource[] = [];
    for (const r of resources) {
        if (spec.targetTypes.includes(r.type)) {
            targets.push(r);
            targetUrns.add(r.urn);
        } else if (r.type === spec.policyType) {
            policies.push(r);
        }
    }
    const covered = new Set<string>();
    const unlinked: PolicyResource[] = [];
    for (const p of policies) {
        const linked = asArray(asObject(p.propertyDependencies)[spec.linkProperty]).filter(
            (d) => d && targetUrns.has(d.urn),
        );
        if (linked.length === 1) {
            covered.add(linked[0].urn);
        } else {
            unlinked.push(p);
        }
    }

    // Pass 1: targets decided without reading a value (`in` does not read through the preview proxy).
    const undecided: PolicyResource[] = [];
    for (const t of targets) {
        if (covered.has(t.urn)) {
            continue;
        }
        if (unlinked.length === 0 && !("policy" in asObject(t.props))) {
            report(t);
        } else {
            undecided.push(t);
        }
    }

    // Pass 2: the inline policy's value, then policies linked by value only.
    let byValue: Set<string> | undefined;
    const linkedByValue = (t: PolicyResource): boolean => {
        if (!byValue) {
            byValue = new Set();
            for (const p of unlinked) {
                const v = str(p.props[spec.linkProperty]);
                for (const k of v === undefined ? [] : spec.linkKeys(v)) {
                    byValue.add(k);
                }
            }
        }
        const keys = byValue;
        return spec.targetKeys.some((read) => {
            const k = read(t.props);
            return k !== undefined && keys.has(k);
        });
    };
    for (const t of undecided) {
        if (resourcePolicyDocument(t.type, t.props) !== undefined) {
            continue;
        }
        if (unlinked.length > 0 && linkedByValue(t)) {
            continue;
        }
        report(t);
    }
}
