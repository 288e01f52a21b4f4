// Policy pack configuration, reconciled the way the Pulumi engine does it
// (pulumi/pulumi pkg/resource/analyzer/config.go): schema defaults, then the pack's initialConfig,
// then the `--policy-config` file (`all` first, then per-policy), validated against each policy's
// schema with `enforcementLevel` injected. Invalid config is an error naming the policy and field.
import Ajv from "ajv";
import { jsonErrorPlace, readUserFile, UsageError } from "./errors";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
    "advisory",
    "mandatory",
    "remediate",
    "disabled",
];

export interface PolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

/** What reconciliation needs to know about each policy (from GetAnalyzerInfo). */
export interface PolicyInfoForConfig {
    name: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

/** Parses the JSON of a `--policy-pack-config` file (the engine's parsePolicyPackConfig). */
export function parsePolicyPackConfig(text: string, source: string): Record<string, PolicyConfig> {
    if (text.trim() === "") {
        return {};
    }
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        throw new UsageError(
            `Policy config "${source}" is not valid JSON${jsonErrorPlace(e, text)}.`,
        );
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new UsageError(
            `Policy config "${source}" must be a JSON object keyed by policy name (or "all").`,
        );
    }
    const result: Record<string, PolicyConfig> = {};
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
        let enforcementLevel: EnforcementLevel | undefined;
        let properties: Record<string, unknown> | undefined;
        if (typeof value === "string") {
            if (!isLevel(value)) {
                throw new UsageError(
                    `Policy config "${source}": "${name}" has enforcement level ${JSON.stringify(value)}; use one of ${ENFORCEMENT_LEVELS.join(", ")}.`,
                );
            }
            enforcementLevel = value;
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const props = { ...(value as Record<string, unknown>) };
            if ("enforcementLevel" in props) {
                const level = props.enforcementLevel;
                if (!isLevel(level)) {
                    throw new UsageError(
                        `Policy config "${source}": "${name}" has enforcementLevel ${JSON.stringify(level)}; use one of ${ENFORCEMENT_LEVELS.join(", ")}.`,
                    );
                }
                enforcementLevel = level;
                delete props.enforcementLevel;
            }
            if (Object.keys(props).length > 0) {
                properties = props;
            }
        } else {
            throw new UsageError(
                `Policy config "${source}": "${name}" is ${JSON.stringify(value)}; it must be an enforcement level string or an object.`,
            );
        }
        if (enforcementLevel === undefined && properties === undefined) {
            continue;
        }
        result[name] = { enforcementLevel, properties };
    }
    return result;
}

/** Reads and parses a config file; a missing or unreadable file is a UsageError. */
export function loadPolicyPackConfig(file: string): Record<string, PolicyConfig> {
    return parsePolicyPackConfig(readUserFile(file, "Policy config"), file);
}

function withDefaults(policies: PolicyInfoForConfig[]): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    for (const p of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
            if ("default" in s) {
                properties ??= {};
                properties[k] = structuredClone(s.default);
            }
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties };
    }
    return result;
}

function apply(result: Record<string, PolicyConfig>, given: Record<string, PolicyConfig>): void {
    const all = given.all;
    if (all?.enforcementLevel) {
        for (const k of Object.keys(result)) {
            result[k] = {
                enforcementLevel: all.enforcementLevel,
                properties: result[k].properties,
            };
        }
    }
    for (const [name, cfg] of Object.entries(given)) {
        const current = result[name] ?? {};
        const properties =
            cfg.properties && Object.keys(cfg.properties).length > 0
                ? { ...(current.properties ?? {}), ...cfg.properties }
                : current.properties;
        result[name] = {
            enforcementLevel: cfg.enforcementLevel ?? current.enforcementLevel,
            properties,
        };
    }
}

const ajv = new Ajv({ allErrors: true, strict: false });

function describeError(e: {
    instancePath: string;
    message?: string;
    params: Record<string, any>;
    keyword: string;
}): string {
    const field = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
    if (e.keyword === "required") {
        return `${e.params.missingProperty} is required`;
    }
    if (e.keyword === "additionalProperties") {
        return `${field ? field + ": " : ""}additional property ${JSON.stringify(e.params.additionalProperty)} is not allowed`;
    }
    if (e.keyword === "enum") {
        return `${field}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    }
    return `${field || "(root)"}: ${e.message}`;
}

/**
 * Whether any policy remediates under `config` (reconciled): a pack runs a remediation only for a
 * policy whose level is "remediate" (the config's, else the policy's own), so with none every
 * Remediate call would come back empty and the check sends none.
 */
export function anyRemediates(
    policies: { name: string; enforcementLevel: string }[],
    config: Record<string, PolicyConfig>,
): boolean {
    return policies.some(
        (p) => (config[p.name]?.enforcementLevel ?? p.enforcementLevel) === "remediate",
    );
}

/**
 * Reconciles config as the engine does and validates it. Returns the config to send with
 * Configure, or throws a UsageError listing every invalid field as `policy: field: problem`.
 */
export function reconcilePolicyPackConfig(
    policies: PolicyInfoForConfig[],
    initialConfig: Record<string, PolicyConfig>,
    config: Record<string, PolicyConfig>,
): Record<string, PolicyConfig> {
    const result = withDefaults(policies);
    apply(result, initialConfig);
    apply(result, config);
    const errors: string[] = [];
    for (const p of policies) {
        if (!p.configSchema) {
            continue;
        }
        const schema: Record<string, unknown> = {
            type: "object",
            properties: {
                ...p.configSchema.properties,
                enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] },
            },
        };
        if (p.configSchema.required.length > 0) {
            schema.required = p.configSchema.required;
        }
        let check;
        try {
            check = ajv.compile(schema);
        } catch (e) {
            errors.push(`${p.name}: its config schema is invalid (${(e as Error).message})`);
            continue;
        }
        if (!check(result[p.name]?.properties ?? {})) {
            for (const e of check.errors ?? []) {
                errors.push(`${p.name}: ${describeError(e)}`);
            }
        }
    }
    if (errors.length > 0) {
        errors.sort();
        throw new UsageError(`Invalid policy config: ${errors.join("; ")}.`);
    }
    return result;
}

/** Policy names in a config that the pack does not have (the engine ignores them silently). */
export function unknownPolicyNames(
    policies: PolicyInfoForConfig[],
    config: Record<string, PolicyConfig>,
): string[] {
    const names = new Set(policies.map((p) => p.name));
    return Object.keys(config).filter((k) => k !== "all" && !names.has(k));
}
