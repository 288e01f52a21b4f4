// Snapshots in Pulumi's own deployment format: the JSON of `pulumi stack export` (version 3).
// One format in and out: the program runner writes it (`--emit-state`), `--state` reads it, and the
// real `pulumi stack import` / `pulumi policy analyze` read it too.
import * as fs from "node:fs";
import Ajv from "ajv";
import { jsonErrorPlace, readUserFile, UsageError } from "./errors";
import { createHash } from "node:crypto";
import { wireToState, type Wire } from "./wire";

/** One resource of a deployment (apitype.ResourceV3), the fields gdpr-guard reads or writes. */
export interface ResourceState {
    urn: string;
    custom: boolean;
    type: string;
    id?: string;
    delete?: boolean;
    external?: boolean;
    protect?: boolean;
    inputs?: Record<string, Wire>;
    outputs?: Record<string, Wire>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: string;
    additionalSecretOutputs?: string[];
    ignoreChanges?: string[];
    aliases?: string[];
    customTimeouts?: { create?: number; update?: number; delete?: number };
    /** Where the program registered it: `project:///<file>#<line>,<column>`, as the engine records it. */
    sourcePosition?: string;
}

export interface Deployment {
    manifest: { time: string; magic: string; version: string };
    secrets_providers?: unknown;
    resources: ResourceState[];
    pending_operations?: unknown[];
}

export interface UntypedDeployment {
    version: 3;
    deployment: Deployment;
}

const schema = {
    type: "object",
    required: ["version", "deployment"],
    properties: {
        version: { const: 3 },
        deployment: {
            type: "object",
            properties: {
                resources: {
                    type: "array",
                    items: {
                        type: "object",
                        required: ["urn", "type"],
                        properties: {
                            urn: { type: "string", pattern: "^urn:pulumi:" },
                            type: { type: "string", minLength: 1 },
                            custom: { type: "boolean" },
                            inputs: { type: "object" },
                            outputs: { type: "object" },
                            parent: { type: "string" },
                            provider: { type: "string" },
                            dependencies: { type: "array", items: { type: "string" } },
                            propertyDependencies: {
                                type: "object",
                                additionalProperties: { type: "array", items: { type: "string" } },
                            },
                        },
                    },
                },
            },
        },
    },
} as const;

const validate = new Ajv({ allErrors: false }).compile(schema);

/** The stack and project named by a URN: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function parseUrn(urn: string): {
    stack: string;
    project: string;
    type: string;
    name: string;
} {
    const body = urn.slice("urn:pulumi:".length);
    const parts = body.split("::");
    return {
        stack: parts[0] ?? "",
        project: parts[1] ?? "",
        type: (parts[2] ?? "").split("$").pop() ?? "",
        name: parts.slice(3).join("::"),
    };
}

/**
 * Reads a `pulumi stack export` file. Any problem is a UsageError naming the file and what is wrong
 * with it, never a stack trace.
 */
export function readSnapshot(file: string): UntypedDeployment {
    const text = readUserFile(file, "State file");
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        // Where, never what: V8's message quotes the text around the error, and an export made
        // with --show-secrets holds plaintext secrets.
        throw new UsageError(`State file "${file}" is not valid JSON${jsonErrorPlace(e, text)}.`);
    }
    if (
        parsed !== null &&
        typeof parsed === "object" &&
        (parsed as any).version !== undefined &&
        (parsed as any).version !== 3
    ) {
        throw new UsageError(
            `State file "${file}" is a version ${JSON.stringify((parsed as any).version)} deployment; gdpr-guard reads version 3, what \`pulumi stack export\` writes.`,
        );
    }
    if (!validate(parsed)) {
        const err = validate.errors?.[0];
        const where = err?.instancePath ? ` at ${err.instancePath}` : "";
        throw new UsageError(
            `State file "${file}" is not a Pulumi deployment (\`pulumi stack export\` output)${where}: ${err?.message ?? "unexpected shape"}.`,
        );
    }
    const snapshot = parsed as UntypedDeployment;
    snapshot.deployment.resources ??= [];
    return snapshot;
}

/**
 * Writes a snapshot the way `pulumi stack export --show-secrets` would, so `--state`,
 * `pulumi stack import` and `pulumi policy analyze --file` all read it: property values in
 * checkpoint form (secrets as `{sig, plaintext}`), no secrets provider (nothing is encrypted),
 * and the manifest's magic cookie (sha256 of its version). Atomic: temp file + rename.
 */
export function writeSnapshot(file: string, snapshot: UntypedDeployment): void {
    const { manifest, resources } = snapshot.deployment;
    const out: UntypedDeployment = {
        version: 3,
        deployment: {
            manifest: {
                ...manifest,
                magic: createHash("sha256").update(manifest.version).digest("hex"),
            },
            resources: resources.map((r) => ({
                ...r,
                ...(r.inputs ? { inputs: wireToState(r.inputs) as Record<string, Wire> } : {}),
                ...(r.outputs ? { outputs: wireToState(r.outputs) as Record<string, Wire> } : {}),
            })),
        },
    };
    writeFileAtomic(file, JSON.stringify(out, null, 4) + "\n", 0o600);
}

/** Writes a file via a temporary sibling and a rename, so readers never see a partial file. */
export function writeFileAtomic(file: string, content: string, mode = 0o644): void {
    const tmp = `${file}.${process.pid}.tmp`;
    try {
        fs.writeFileSync(tmp, content, { mode });
        fs.renameSync(tmp, file);
    } catch (e) {
        try {
            fs.rmSync(tmp, { force: true });
        } catch {
            // Nothing was written there (its folder is not one): nothing to clean up.
        }
        throw new UsageError(
            `Cannot write "${file}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
        );
    }
}

/** The stack and project of a snapshot, from its root `pulumi:pulumi:Stack` resource (or any URN). */
export function stackOf(snapshot: UntypedDeployment): { stack: string; project: string } {
    const resources = snapshot.deployment.resources;
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack") ?? resources[0];
    if (!root) {
        return { stack: "", project: "" };
    }
    const { stack, project } = parseUrn(root.urn);
    return { stack, project };
}
