// Exemptions that expire, owned by the platform team's policy config. `withExemptions` wraps every
// rule of the pack once (in `policypack/index.ts`): it adds the shared `exemptions` and
// `exemptionMaxDays` properties to the rule's config schema and intercepts `reportViolation`.
//
// - An active exemption matching the violation's resource turns it into an advisory notice that
//   says who approved it, why and until when: exempted violations stay visible in every report.
// - An expired exemption stops working: the violation is back at the rule's level, with a note
//   saying on which day the exemption expired.
// - An invalid exemption (no reason, a bad date, `expires` beyond `exemptionMaxDays`) never
//   applies; JSON schema rejects what it can at `pulumi policy validate-config`, and the pack
//   reports the rest (and unknown config keys) as a mandatory violation, once per policy.
// - Only config can exempt: resource tags, labels and annotations are never read here.
import type {
    Policies,
    Policy,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { Minimatch } from "minimatch";
import { declaredType, ofType } from "./ofType";
import { redactCredentials } from "./secrets/detector";
import {
    DEFAULT_EXEMPTION_MAX_DAYS,
    EXEMPTION_MAX_DAYS_CEILING,
    sharedProperties,
    unknownConfigKeys,
    type ExemptionConfig,
    type SharedPolicyConfig,
} from "./sharedConfig";

const DAY_MS = 24 * 60 * 60 * 1000;

/** One configured exemption, checked against today's date. */
export interface CheckedExemption {
    /** Position in the policy's `exemptions` list (0-based); messages show it 1-based. */
    index: number;
    /** The resource URN or URN glob, when it is a string. */
    resource?: string;
    reason?: string;
    expires?: string;
    approvedBy?: string;
    status: "active" | "expired" | "invalid";
    /** Why an invalid exemption is invalid: one clause, no trailing period. */
    problem?: string;
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function utcDate(now: Date): string {
    return now.toISOString().slice(0, 10);
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return false;
    }
    const t = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

function addDays(date: string, days: number): string {
    return utcDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

function text(value: unknown): string | undefined {
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The `exemptionMaxDays` in force: the configured integer within 1..365, else the default. */
export function maxDaysOf(config: SharedPolicyConfig): number {
    const d = config.exemptionMaxDays;
    return typeof d === "number" && Number.isInteger(d) && d >= 1 && d <= EXEMPTION_MAX_DAYS_CEILING
        ? d
        : DEFAULT_EXEMPTION_MAX_DAYS;
}

/**
 * Reads a policy's `exemptions` (any shape: config may not have been schema-checked) and gives
 * each its status on `today`. An exemption applies through the end of its `expires` day (UTC).
 */
export function checkExemptions(
    policyName: string,
    config: SharedPolicyConfig,
    today: string,
): CheckedExemption[] {
    const list: unknown = config.exemptions;
    if (!Array.isArray(list)) {
        return [];
    }
    const maxDays = maxDaysOf(config);
    const latest = addDays(today, maxDays);
    return list.map((raw, index): CheckedExemption => {
        const e = (
            raw !== null && typeof raw === "object" && !Array.isArray(raw) ? raw : {}
        ) as Partial<Record<keyof ExemptionConfig, unknown>>;
        const resource = text(e.resource);
        const reason = text(e.reason);
        const approvedBy = text(e.approvedBy);
        const expires = typeof e.expires === "string" ? e.expires.trim() : undefined;
        const base = { index, resource, reason, expires, approvedBy };
        const invalid = (problem: string): CheckedExemption => ({
            ...base,
            status: "invalid",
            problem,
        });
        if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
            return invalid("is not an object");
        }
        if (e.policy !== undefined && e.policy !== policyName) {
            return invalid(
                `names policy ${JSON.stringify(e.policy)}, not "${policyName}" it is configured under`,
            );
        }
        if (!resource || !resource.startsWith("urn:pulumi:")) {
            return invalid('has no resource URN or URN glob (it must start with "urn:pulumi:")');
        }
        if (!reason) {
            return invalid("has no reason");
        }
        if (!approvedBy) {
            return invalid("does not say who approved it (approvedBy)");
        }
        if (expires === undefined || expires === "") {
            return invalid("has no expiry date (expires)");
        }
        if (!isIsoDate(expires)) {
            return invalid(
                `has expires ${JSON.stringify(expires)}, which is not a date written YYYY-MM-DD`,
            );
        }
        if (expires > latest) {
            return invalid(
                `expires on "${expires}", more than ${maxDays} days ahead (the latest allowed today is "${latest}")`,
            );
        }
        return { ...base, status: expires < today ? "expired" : "active" };
    });
}

/** Compiled URN globs, by pattern: a pattern is compiled once, not per violation. */
const globs = new Map<string, Minimatch>();

/** True when a URN is the exemption's URN, or matches it as a glob (`*` never crosses `/`). */
export function matchesResource(pattern: string, urn: string): boolean {
    if (pattern === urn) {
        return true;
    }
    let glob = globs.get(pattern);
    if (!glob) {
        glob = new Minimatch(pattern, { dot: true, nonegate: true, nocomment: true });
        globs.set(pattern, glob);
    }
    return glob.match(urn);
}

/** The exemption that decides a violation on `urn`: an active one first, then invalid, then expired. */
export function exemptionFor(
    checked: CheckedExemption[],
    urn: string | undefined,
): CheckedExemption | undefined {
    if (!urn) {
        return undefined;
    }
    const matching = checked.filter(
        (e) => e.resource !== undefined && matchesResource(e.resource, urn),
    );
    return (
        matching.find((e) => e.status === "active") ??
        matching.find((e) => e.status === "invalid") ??
        matching.find((e) => e.status === "expired")
    );
}

function label(e: CheckedExemption): string {
    return `exemption #${e.index + 1}${e.resource ? ` (resource "${e.resource}")` : ""}`;
}

/** The message of a violation that an exemption decided (the rule's own message comes first). */
export function annotate(message: string, e: CheckedExemption): string {
    switch (e.status) {
        case "active":
            return `${message} [Exempted until ${e.expires}, approved by "${e.approvedBy}": "${e.reason}". Reported as advisory until then; fix it before the exemption expires.]`;
        case "expired":
            return `${message} [The exemption approved by "${e.approvedBy}" expired on ${e.expires}; the violation applies again. Fix it, or ask the platform team for a new exemption.]`;
        default:
            return `${message} [Policy config ${label(e)} ${e.problem}, so it was ignored.]`;
    }
}

/**
 * What is wrong with a policy's config beyond what JSON schema can say: unknown keys, and every
 * invalid exemption. One sentence each.
 */
export function configProblems(
    policyName: string,
    schema: PolicyConfigSchema | undefined,
    config: SharedPolicyConfig,
    today: string,
): string[] {
    const out: string[] = [];
    for (const key of unknownConfigKeys(schema, config)) {
        out.push(
            `Policy config of "${policyName}" sets "${key}", which this policy does not have; remove it or fix its spelling (see docs/policies.md).`,
        );
    }
    if (config.exemptions !== undefined && !Array.isArray(config.exemptions)) {
        out.push(
            `Policy config of "${policyName}" sets "exemptions" to something that is not a list; no exemption applies.`,
        );
    }
    for (const e of checkExemptions(policyName, config, today)) {
        if (e.status === "invalid") {
            out.push(
                `Policy config of "${policyName}" is invalid: ${label(e)} ${e.problem}; the exemption is ignored until the platform team fixes it.`,
            );
        }
    }
    return out;
}

/** Options of {@link withExemptions}. */
export interface ExemptionOptions {
    /** The clock; tests pin it. Default: the system clock. */
    now?: () => Date;
}

function withSharedSchema(policy: Policy): PolicyConfigSchema {
    return {
        ...(policy.configSchema ?? {}),
        properties: {
            ...(policy.configSchema?.properties ?? {}),
            ...sharedProperties(policy.name),
        },
    };
}

/**
 * Wraps every policy: shared config schema added, violations passed through the exemptions of its
 * config. Config problems are reported once per policy and config (as a mandatory violation: the
 * pack refuses a config it cannot honour), on the first resource or stack the policy sees.
 */
export function withExemptions(policies: Policies, options: ExemptionOptions = {}): Policies {
    const clock = options.now;
    const nowMs = clock ? () => clock().getTime() : Date.now;
    return policies.map((policy) => wrapPolicy(policy, nowMs));
}

/**
 * The object form of `reportViolation` that @pulumi/policy's server accepts at run time (its type
 * only declares the string form): it sets the level of one violation. The message keeps the
 * server's `description + "\n" + message` shape, so reports look alike whatever the level.
 */
interface ViolationObject {
    name: string;
    description: string;
    message: string;
    enforcementLevel: "advisory" | "mandatory";
    severity?: string;
    urn?: string;
}

function reportAs(
    report: ReportViolation,
    policy: Policy,
    level: ViolationObject["enforcementLevel"],
    message: string,
    urn: string | undefined,
): void {
    const violation: ViolationObject = {
        name: policy.name,
        description: policy.description,
        message: `${policy.description}\n${message}`,
        enforcementLevel: level,
        severity: policy.severity,
        urn,
    };
    (report as unknown as (v: ViolationObject, urn?: string) => void)(violation, urn);
}

/**
 * What a rule passed to `reportViolation`: the string form (the rule's level), or the object form
 * `{ message, enforcementLevel?, urn? }` that @pulumi/policy's server also accepts (a level other
 * than advisory or mandatory is ignored). `text` is the rule's own message, without the
 * `description + "\n"` prefix the server or {@link reportAs} adds.
 */
function readViolation(
    policy: Policy,
    message: unknown,
    urn: string | undefined,
): { text: string; level?: ViolationObject["enforcementLevel"]; urn?: string } {
    if (message === null || typeof message !== "object") {
        return { text: String(message ?? ""), urn };
    }
    const o = message as Partial<Record<keyof ViolationObject, unknown>>;
    const raw = typeof o.message === "string" ? o.message : "";
    const prefix = `${policy.description}\n`;
    const level = o.enforcementLevel;
    return {
        text: raw.startsWith(prefix) ? raw.slice(prefix.length) : raw,
        level: level === "advisory" || level === "mandatory" ? level : undefined,
        urn: typeof o.urn === "string" ? o.urn : urn,
    };
}

/** `urn:pulumi:<stack>::<project>::` of a URN, the part that says which stack a call is about. */
function stackOfUrn(urn: string | undefined): string {
    if (urn === undefined) {
        return "";
    }
    const project = urn.indexOf("::");
    const end = project < 0 ? -1 : urn.indexOf("::", project + 2);
    return end < 0 ? urn : urn.slice(0, end + 2);
}

/** True when `urn` is of the stack {@link stackOfUrn} gave, without cutting it (hot path). */
function inStack(urn: string | undefined, stack: string): boolean {
    return urn === undefined ? stack === "" : stack !== "" && urn.startsWith(stack);
}

/** How many keys a config object has. */
function keyCount(config: SharedPolicyConfig): number {
    let keys = 0;
    for (const _ in config) {
        keys++;
    }
    return keys;
}

/**
 * True when `b` has the `aKeys` keys of `a` holding the same values (by identity): one pass over
 * `b`, the call's config, since `a`'s key count is kept with it.
 */
function sameConfig(a: SharedPolicyConfig, aKeys: number, b: SharedPolicyConfig): boolean {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    let keys = 0;
    for (const k in y) {
        if (x[k] !== y[k]) {
            return false;
        }
        keys++;
    }
    return keys === aKeys;
}

function wrapPolicy(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    nowMs: () => number,
): ResourceValidationPolicy | StackValidationPolicy {
    const configSchema = withSharedSchema(policy);
    // Work per config, day and stack, not per (rule, resource) call: the exemptions are checked
    // once and the config's problems reported once. The server hands each call a fresh copy of
    // the same config values (a Configure replaces them), so a shallow identity comparison with
    // the last call's config is enough to know nothing changed.
    // What was reported, per ConfigureStack: the server makes a new `stackTags` map on each, so a
    // run of many stacks says the config's problems in every stack's report, even two stacks of
    // one name (another organisation's, or one export given twice). Without one: per process.
    const reportedIn = new WeakMap<object, Set<string>>();
    const reportedHere = new Set<string>();
    const reportedFor = (scope: object | undefined): Set<string> => {
        if (!scope) {
            return reportedHere;
        }
        let set = reportedIn.get(scope);
        if (!set) {
            set = new Set();
            reportedIn.set(scope, set);
        }
        return set;
    };
    let last:
        | {
              config: SharedPolicyConfig;
              configKeys: number;
              /** The scope (stack) in which this config's problems are known to be reported. */
              reportedChecked?: true;
              reportedScope?: object;
              stack: string;
              today: string;
              key: string;
              dayStarts: number;
              dayEnds: number;
              checked: CheckedExemption[];
          }
        | undefined;

    /** The exemptions in force for a call (and, the first time per stack, the config's problems). */
    const exemptionsFor = (
        config: SharedPolicyConfig,
        anyUrn: string | undefined,
        report?: { report: ReportViolation; urn: string | undefined; scope?: object },
    ): CheckedExemption[] => {
        const t = nowMs();
        if (
            !last ||
            t < last.dayStarts ||
            t >= last.dayEnds ||
            !inStack(anyUrn, last.stack) ||
            !sameConfig(last.config, last.configKeys, config)
        ) {
            const stack = stackOfUrn(anyUrn);
            const today = utcDate(new Date(t));
            const dayStarts = Date.parse(`${today}T00:00:00Z`);
            last = {
                config,
                configKeys: keyCount(config),
                stack,
                today,
                dayStarts,
                dayEnds: dayStarts + DAY_MS,
                checked: checkExemptions(policy.name, config, today),
                // Per stack too: one pack process may check many stacks, each report says it.
                key: `${today} ${stack} ${JSON.stringify(config)}`,
            };
        }
        // Calls of one stack share a scope: after the first, nothing is left to look up.
        if (report && (!last.reportedChecked || last.reportedScope !== report.scope)) {
            const reported = reportedFor(report.scope);
            if (!reported.has(last.key)) {
                reported.add(last.key);
                for (const problem of configProblems(
                    policy.name,
                    configSchema,
                    config,
                    last.today,
                )) {
                    reportAs(report.report, policy, "mandatory", problem, report.urn);
                }
            }
            last.reportedChecked = true;
            last.reportedScope = report.scope;
        }
        return last.checked;
    };

    /** The reportViolation a rule sees: exemptions applied; config problems reported once first. */
    const intercept = (
        config: SharedPolicyConfig,
        report: ReportViolation,
        defaultUrn: string | undefined,
        anyUrn: string | undefined,
        scope: object | undefined,
    ): ReportViolation => {
        const checked = exemptionsFor(config, anyUrn, { report, urn: defaultUrn, scope });
        return (message, urn) => {
            // A rule may use the object form to set one violation's level; it is read here, since
            // the server takes the object's `urn` and ignores the second argument for it.
            const v = readViolation(policy, message, urn);
            v.text = redactCredentials(v.text);
            const e = exemptionFor(checked, v.urn ?? defaultUrn);
            if (e?.status === "active") {
                reportAs(report, policy, "advisory", annotate(v.text, e), v.urn ?? defaultUrn);
                return;
            }
            const text = e ? annotate(v.text, e) : v.text;
            if (v.level) {
                reportAs(report, policy, v.level, text, v.urn ?? defaultUrn);
            } else {
                // Without a level of its own, the violation takes the rule's (configured) level.
                report(text, v.urn);
            }
        };
    };

    if ("validateStack" in policy && typeof policy.validateStack === "function") {
        const stackPolicy = policy as StackValidationPolicy;
        const wrapped: StackValidationPolicy = {
            ...stackPolicy,
            configSchema,
            validateStack: (args: StackValidationArgs, report: ReportViolation) =>
                stackPolicy.validateStack(
                    args,
                    intercept(
                        args.getConfig<SharedPolicyConfig>() ?? {},
                        report,
                        undefined,
                        args.resources[0]?.urn,
                        args.stackTags,
                    ),
                ),
        };
        return wrapped;
    }
    const resourcePolicy = policy as ResourceValidationPolicy;
    const validations = Array.isArray(resourcePolicy.validateResource)
        ? resourcePolicy.validateResource
        : resourcePolicy.validateResource
          ? [resourcePolicy.validateResource]
          : [];
    const remediate = resourcePolicy.remediateResource;
    const intercepted = validations.map((validate) => {
        const type = declaredType(validate);
        const run: ResourceValidation = (args, report) =>
            validate(
                args,
                intercept(
                    args.getConfig<SharedPolicyConfig>() ?? {},
                    report,
                    args.urn,
                    args.urn,
                    args.stackTags,
                ),
            );
        return type === undefined ? run : ofType(type, run);
    });
    const wrapped: ResourceValidationPolicy = {
        ...resourcePolicy,
        configSchema,
        // A rule of one declared type stays one function, so the server can skip other types.
        validateResource:
            intercepted.length === 0
                ? undefined
                : intercepted.length === 1 && !Array.isArray(resourcePolicy.validateResource)
                  ? intercepted[0]
                  : intercepted,
        remediateResource: remediate
            ? (args: ResourceValidationArgs) => {
                  // An active exemption means "leave this resource as it is until then".
                  const config = args.getConfig<SharedPolicyConfig>() ?? {};
                  const e = exemptionFor(exemptionsFor(config, args.urn), args.urn);
                  return e?.status === "active" ? undefined : remediate(args);
              }
            : undefined,
    };
    return wrapped;
}
