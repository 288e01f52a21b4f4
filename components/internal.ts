// Argument checks shared by the components. Every component validates its arguments before it
// creates anything; an unsafe argument is refused with a `pulumi.ResourceError` that names the
// component, the argument and the fix, so a component cannot be talked into a violation of the pack.
import * as pulumi from "@pulumi/pulumi";
import { findPlaintextUrls, parseUrl } from "../policypack/lib/urls";

/** Throws the refusal of one argument: `Kind "name": argument `arg` <problem>; <fix>.` */
export function refuse(
    kind: string,
    name: string,
    arg: string,
    problem: string,
    fix: string,
): never {
    throw new pulumi.ResourceError(
        `${kind} "${name}": argument \`${arg}\` ${problem}; ${fix}.`,
        undefined,
    );
}

/** A checker bound to one component instance. */
export class Checks {
    constructor(
        readonly kind: string,
        readonly name: string,
    ) {}

    refuse(arg: string, problem: string, fix: string): never {
        return refuse(this.kind, this.name, arg, problem, fix);
    }

    /** A Kubernetes DNS-1123 label (namespace, service account). */
    dnsLabel(arg: string, value: unknown): string {
        if (typeof value !== "string" || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
            this.refuse(
                arg,
                `is ${describe(value)}, not one exact Kubernetes name (lower-case DNS label, no wildcards)`,
                "name exactly one namespace or service account",
            );
        }
        return value;
    }

    /** An integer in [min, max]; `fallback` when undefined. */
    integer(
        arg: string,
        value: unknown,
        fallback: number,
        min: number,
        max: number,
        why: string,
    ): number {
        if (value === undefined) {
            return fallback;
        }
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
            this.refuse(
                arg,
                `is ${describe(value)}, outside ${min}..${max} (${why})`,
                `use a whole number from ${min} to ${max}${fallback >= min && fallback <= max ? ` or leave it out for ${fallback}` : ""}`,
            );
        }
        return value;
    }

    /** An `https://` URL with a host (its parts returned). */
    httpsUrl(arg: string, value: unknown): { host: string; port: number } {
        const url = typeof value === "string" ? parseUrl(value) : undefined;
        if (!url || url.scheme !== "https" || url.host === "") {
            this.refuse(
                arg,
                `is ${describe(value)}, not an https:// URL, so the traffic would cross the network in plaintext`,
                "use the service's https:// address",
            );
        }
        if (url.redacted !== value) {
            this.refuse(
                arg,
                `is "${url.redacted}", which carries credentials in the URL`,
                "drop the user and password from the URL and render them from Vault instead",
            );
        }
        const port = url.port !== undefined && url.port !== "" ? Number(url.port) : 443;
        return { host: url.host, port };
    }

    /** A literal configuration value must not hold a plaintext URL. */
    noPlaintextUrl(arg: string, value: string): void {
        const found = findPlaintextUrls(value)[0];
        if (found) {
            this.refuse(
                arg,
                `holds the plaintext URL "${found.redacted}"`,
                `use its ${found.secureForm} form`,
            );
        }
    }

    /** A list of plain strings that is not empty. */
    nonEmptyStrings(arg: string, value: unknown): string[] {
        if (
            !Array.isArray(value) ||
            value.length === 0 ||
            value.some((v) => typeof v !== "string" || v.trim() === "")
        ) {
            this.refuse(
                arg,
                `is ${describe(value)}, not a non-empty list of names`,
                "list each one explicitly",
            );
        }
        return value as string[];
    }
}

/** How a refused value is shown: quoted strings, numbers as they are, shapes by type. */
export function describe(value: unknown): string {
    if (typeof value === "string") {
        return `"${value}"`;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    if (value === undefined) {
        return "missing";
    }
    if (value === null) {
        return "null";
    }
    return Array.isArray(value)
        ? "a list"
        : pulumi.Output.isInstance(value)
          ? "an Output"
          : "an object";
}

/** Kubernetes labels / AWS tags with the data-ownership keys the pack requires (Article 30). */
export interface DataOwnership {
    /** Who owns the personal data (the `data-owner` label / tag). */
    readonly dataOwner: string;
    /** Which category of personal data it is (the `data-category` label / tag). */
    readonly dataCategory: string;
}

/** The ownership labels as a map, checked to be valid Kubernetes label values. */
export function ownershipLabels(
    check: Checks,
    o: Partial<DataOwnership> | undefined,
): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [arg, key] of [
        ["dataOwner", "data-owner"],
        ["dataCategory", "data-category"],
    ] as const) {
        const v = o?.[arg];
        if (typeof v !== "string" || !/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(v)) {
            check.refuse(
                arg,
                `is ${describe(v)}, so the records of processing (Article 30) cannot name who owns this data`,
                'give a label-safe name such as "sales-operations"',
            );
        }
        out[key] = v;
    }
    return out;
}

/** `crm-events` / `crmEvents` → `CRM_EVENTS`. */
export function envName(key: string): string {
    return key
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/[^A-Za-z0-9]+/g, "_")
        .replace(/^_+|_+$/g, "")
        .toUpperCase();
}
