// Runs a rule's `remediateResource` the way @pulumi/policy's server does (props behind
// `unknownCheckingProxy`, config with the schema defaults), and returns the remediated inputs as
// plain data, so specs can check before/after and then validate the "after" with `checkResource`.
import {
    unknownCheckingProxy,
    UnknownValueError,
    type ResourceValidationPolicy,
} from "@pulumi/policy";
import type { ResourceInput } from "./harness";

export interface RemediationOutcome {
    /** The remediated inputs, or undefined when the rule changed nothing. */
    props?: Record<string, any>;
    /** The framework's "can't run during preview" message, if an unknown value was read. */
    unknownDuringPreview?: string;
}

/** Unwraps @pulumi/policy's proxy (the server does the same before it serializes a result). */
function unwrap(v: any): any {
    return v && typeof v === "object" && v.__isSpecialProxy === true
        ? v.__getSpecialProxyTarget
        : v;
}

export async function remediate(
    policy: ResourceValidationPolicy,
    input: ResourceInput,
    config: Record<string, any> = {},
): Promise<RemediationOutcome> {
    if (!policy.remediateResource) {
        throw new Error(`${policy.name} has no remediateResource`);
    }
    const cfg: Record<string, any> = {};
    for (const [k, v] of Object.entries(policy.configSchema?.properties ?? {})) {
        if ((v as any).default !== undefined) {
            cfg[k] = structuredClone((v as any).default);
        }
    }
    Object.assign(cfg, config);
    const name = input.name ?? "res";
    try {
        const result = await policy.remediateResource({
            type: input.type,
            name,
            urn: input.urn ?? `urn:pulumi:test::gdpr-guard::${input.type}::${name}`,
            props: unknownCheckingProxy(structuredClone(input.props)),
            opts: {} as any,
            stackTags: new Map(),
            isType: () => false,
            asType: () => undefined,
            getConfig: <T extends object>() => cfg as T,
            notApplicable: (): never => {
                throw new Error("remediations do not call notApplicable");
            },
        } as any);
        return { props: result ? structuredClone(unwrap(result)) : undefined };
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return { unknownDuringPreview: (e as Error).message };
        }
        throw e;
    }
}
