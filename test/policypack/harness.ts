// Runs one rule the way @pulumi/policy's analyzer server does — props behind `unknownCheckingProxy`,
// config filled with the schema defaults the engine always sends, `notApplicable` thrown and caught —
// without starting a server. Unknown values: pass `unknown.string` etc. inside props.
import {
    unknownCheckingProxy,
    UnknownValueError,
    type Policy,
    type PolicyResource,
    type ResourceValidationPolicy,
    type StackValidationPolicy,
} from "@pulumi/policy";

/** One map for every call, as the policy server keeps one `stackTags` until the next ConfigureStack. */
const STACK_TAGS: ReadonlyMap<string, string> = new Map();

export const unknown = {
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    boolean: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    object: "030794c1-ac77-496b-92df-f27374a8bd58",
} as const;

/** What a rule said about one input. */
export interface Outcome {
    /** Violation messages, in order. */
    violations: string[];
    /** URNs passed to reportViolation (stack rules), aligned with `violations`. */
    urns: (string | undefined)[];
    /** The reason given to `notApplicable`, if the rule excluded the input. */
    notApplicable?: string;
    /** The framework's "can't run during preview" message, if an unknown value was read. */
    unknownDuringPreview?: string;
}

export interface ResourceInput {
    type: string;
    props: Record<string, any>;
    name?: string;
    urn?: string;
    provider?: { type: string; name?: string; urn?: string; props: Record<string, any> };
    parent?: string;
    /** The call's `stackTags`: the server makes a new map on each ConfigureStack. */
    stackTags?: ReadonlyMap<string, string>;
}

/**
 * A policy's config as the server holds it after Configure: the schema defaults filled in once per
 * (policy, config); each `getConfig` call gets a shallow copy of it, holding the same values, as
 * the server's does.
 */
const configured = new WeakMap<Policy, WeakMap<object, Record<string, any>>>();
function configOf(policy: Policy, config: Record<string, any>): Record<string, any> {
    let byConfig = configured.get(policy);
    if (!byConfig) {
        byConfig = new WeakMap();
        configured.set(policy, byConfig);
    }
    let cfg = byConfig.get(config);
    if (!cfg) {
        cfg = { ...defaults(policy), ...config };
        byConfig.set(config, cfg);
    }
    return cfg;
}

function defaults(policy: Policy): Record<string, any> {
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(policy.configSchema?.properties ?? {})) {
        if ((v as any).default !== undefined) {
            out[k] = structuredClone((v as any).default);
        }
    }
    return out;
}

class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

function urnOf(r: ResourceInput): string {
    const name = r.name ?? "res";
    return r.urn ?? `urn:pulumi:test::gdpr-guard::${r.type}::${name}`;
}

async function capture(
    run: (report: (m: string, urn?: string) => void) => unknown,
): Promise<Outcome> {
    const outcome: Outcome = { violations: [], urns: [] };
    try {
        await Promise.resolve(
            run((m, urn) => {
                outcome.violations.push(m);
                outcome.urns.push(urn);
            }),
        );
    } catch (e) {
        if (e instanceof NotApplicable) {
            outcome.notApplicable = (e as NotApplicable).reason ?? "";
        } else if (e instanceof UnknownValueError) {
            outcome.unknownDuringPreview = (e as Error).message;
        } else {
            throw e;
        }
    }
    return outcome;
}

/** Runs a resource rule against one resource. `config` overrides the schema defaults. */
export async function checkResource(
    policy: ResourceValidationPolicy,
    input: ResourceInput,
    config: Record<string, any> = {},
): Promise<Outcome> {
    const props = unknownCheckingProxy(structuredClone(input.props));
    const cfg = configOf(policy, config);
    const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : policy.validateResource
          ? [policy.validateResource]
          : [];
    return capture(async (report) => {
        for (const validate of validations) {
            await validate(
                {
                    type: input.type,
                    props,
                    urn: urnOf(input),
                    name: input.name ?? "res",
                    opts: {
                        protect: false,
                        ignoreChanges: [],
                        aliases: [],
                        additionalSecretOutputs: [],
                        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                        parent: input.parent,
                    },
                    provider: input.provider
                        ? {
                              type: input.provider.type,
                              name: input.provider.name ?? "default",
                              urn:
                                  input.provider.urn ??
                                  `urn:pulumi:test::gdpr-guard::${input.provider.type}::default`,
                              props: unknownCheckingProxy(structuredClone(input.provider.props)),
                          }
                        : undefined,
                    stackTags: input.stackTags ?? STACK_TAGS,
                    isType: () => false,
                    asType: () => undefined,
                    getConfig: <T extends object>() => ({ ...cfg }) as T,
                    notApplicable: (reason?: string): never => {
                        throw new NotApplicable(reason);
                    },
                } as any,
                (m: string) => report(m),
            );
        }
    });
}

/** Runs a stack rule against a set of resources; `dependencies` and `parent` link by URN. */
export async function checkStack(
    policy: StackValidationPolicy,
    inputs: (ResourceInput & {
        dependencies?: string[];
        propertyDependencies?: Record<string, string[]>;
    })[],
    config: Record<string, any> = {},
): Promise<Outcome> {
    const cfg = configOf(policy, config);
    const byUrn = new Map<string, PolicyResource>();
    const resources: PolicyResource[] = inputs.map((input) => {
        const r: any = {
            type: input.type,
            props: unknownCheckingProxy(structuredClone(input.props)),
            urn: urnOf(input),
            name: input.name ?? "res",
            opts: {
                protect: false,
                ignoreChanges: [],
                aliases: [],
                additionalSecretOutputs: [],
                customTimeouts: {},
            },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        };
        byUrn.set(r.urn, r);
        return r;
    });
    inputs.forEach((input, i) => {
        const r: any = resources[i];
        if (input.parent && byUrn.has(input.parent)) {
            r.parent = byUrn.get(input.parent);
        }
        r.dependencies = (input.dependencies ?? []).map((u) => byUrn.get(u)).filter(Boolean);
        for (const [k, v] of Object.entries(input.propertyDependencies ?? {})) {
            r.propertyDependencies[k] = v.map((u) => byUrn.get(u)).filter(Boolean);
        }
    });
    return capture((report) =>
        policy.validateStack(
            {
                resources,
                getConfig: <T extends object>() => ({ ...cfg }) as T,
                stackTags: STACK_TAGS,
                notApplicable: (reason?: string): never => {
                    throw new NotApplicable(reason);
                },
            } as any,
            report,
        ),
    );
}

/** URN helper matching the harness's default URNs. */
export function urn(type: string, name: string): string {
    return `urn:pulumi:test::gdpr-guard::${type}::${name}`;
}
