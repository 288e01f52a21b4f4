// Pulumi's property wire form: the JSON shape of a `google.protobuf.Struct` that carries resource
// properties between the engine, the language SDKs and analyzers. Special objects are marked
// with a signature key; unknowns are sentinel strings.
//
// A secret whose ciphertext cannot be decrypted is replaced with the engine's own redaction marker
// (its BlindingProvider writes "[secret]"), so both engines hand the pack the same value; the pack
// defines it, since it is the pack that must recognise it and the pack ships alone.
import { UNREADABLE_SECRET } from "../policypack/lib/secrets/detector";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** The sentinel the SDK and engine use for a value not known until apply. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Wire = null | boolean | number | string | Wire[] | { [k: string]: Wire };

function isObject(v: unknown): v is Record<string, any> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function isSecret(v: unknown): v is { [SIG_KEY]: string; value?: Wire } {
    return isObject(v) && v[SIG_KEY] === SECRET_SIG;
}

/**
 * Converts a property value from the checkpoint (`pulumi stack export`) form, or from what a
 * program sent, to the wire form an analyzer receives — what the engine's MarshalProperties sends
 * with `KeepResources: false` and `KeepOutputValues: false` (sdk/go/common/resource/plugin/rpc.go):
 *
 * - secrets `{sig, plaintext}` become `{sig, value}`; secrets with only `ciphertext` become
 *   `{sig, value: UNREADABLE_SECRET}` (never decrypted);
 * - a resource reference becomes the resource's id (a custom resource; unknown if the id is not
 *   known yet) or its URN (a component) — an analyzer never sees a reference;
 * - an output value becomes its element (secret-wrapped if secret), or unknown if not known;
 * - everything else (assets and archives included) as is.
 */
export function stateToWire(value: unknown): Wire {
    if (Array.isArray(value)) {
        return value.map(stateToWire);
    }
    if (!isObject(value)) {
        return value as Wire;
    }
    if (value[SIG_KEY] === RESOURCE_REF_SIG) {
        if (!("id" in value) || value.id === null) {
            return typeof value.urn === "string" ? value.urn : UNKNOWN;
        }
        return value.id === "" || value.id === UNKNOWN ? UNKNOWN : stateToWire(value.id);
    }
    if (value[SIG_KEY] === OUTPUT_VALUE_SIG) {
        const element = "value" in value ? stateToWire(value.value) : UNKNOWN;
        return value.secret === true ? { [SIG_KEY]: SECRET_SIG, value: element } : element;
    }
    if (value[SIG_KEY] === SECRET_SIG) {
        if ("value" in value) {
            return { [SIG_KEY]: SECRET_SIG, value: stateToWire(value.value) };
        }
        if (typeof value.plaintext === "string") {
            let inner: unknown;
            try {
                inner = JSON.parse(value.plaintext);
            } catch {
                inner = value.plaintext;
            }
            return { [SIG_KEY]: SECRET_SIG, value: stateToWire(inner) };
        }
        return { [SIG_KEY]: SECRET_SIG, value: UNREADABLE_SECRET };
    }
    const out: Record<string, Wire> = {};
    for (const [k, v] of Object.entries(value)) {
        out[k] = stateToWire(v);
    }
    return out;
}

/**
 * Converts a wire-form value to the checkpoint form written by `--emit-state`: secrets become
 * `{sig, plaintext}` (the `pulumi stack export --show-secrets` shape, which `pulumi stack import`
 * and `pulumi policy analyze` read); unknowns stay sentinel strings.
 */
export function wireToState(value: unknown): Wire {
    if (Array.isArray(value)) {
        return value.map(wireToState);
    }
    if (!isObject(value)) {
        return value as Wire;
    }
    if (value[SIG_KEY] === SECRET_SIG) {
        return {
            [SIG_KEY]: SECRET_SIG,
            plaintext: JSON.stringify(wireToState(value.value ?? null)),
        };
    }
    const out: Record<string, Wire> = {};
    for (const [k, v] of Object.entries(value)) {
        out[k] = wireToState(v);
    }
    return out;
}

/** Top-level properties without the engine's internal `__`-prefixed keys. */
export function withoutInternalKeys(props: Record<string, Wire>): Record<string, Wire> {
    const out: Record<string, Wire> = {};
    for (const [k, v] of Object.entries(props)) {
        if (!k.startsWith("__")) {
            out[k] = v;
        }
    }
    return out;
}
