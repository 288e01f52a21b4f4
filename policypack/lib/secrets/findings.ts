// Where rules look for secrets: provider credential fields and container env vars, each value
// asked of the detector (detector.ts).
import { type ContainerView, containers } from "../k8s";
import { memoByText } from "../memo";
import { asArray, asObject } from "../read";
import { SecretFinding, UNREADABLE_SECRET, isClearlyNotSecret, scanValue } from "./detector";

/**
 * Scans shared by what is scanned: two rules read every container env and three every provider
 * input, each from its own copy of the resource.
 */
const scanned = memoByText(512, (id) => {
    const [key, value] = JSON.parse(id) as [string, string];
    return scanValue(value, key);
});
const scanOnce = (value: string, key: string) => scanned(JSON.stringify([key, value]));

/**
 * Scans a field whose only purpose is to hold a credential (a provider's `secretKey`, a database
 * `password`): any literal that is not clearly a reference or placeholder is a finding, named by
 * the detector that recognised its format, else `"credential-field"`.
 */
export async function scanCredentialField(
    value: unknown,
    key: string,
): Promise<SecretFinding | undefined> {
    if (typeof value !== "string" || isClearlyNotSecret(value)) {
        return typeof value === "string" && value === UNREADABLE_SECRET
            ? { detector: "stored-secret", confidence: "high" }
            : undefined;
    }
    const f = await scanOnce(value, key);
    return f?.confidence === "high" ? f : { detector: "credential-field", confidence: "high" };
}

/**
 * The static credentials in a provider's inputs, in key order: `credentialFields` hold a credential
 * whatever they look like ({@link scanCredentialField}); other string fields (blocks such as
 * `authLogin*` arrive as JSON strings) are scanned with {@link scanValue}. High confidence only.
 */
export async function* providerCredentials(
    props: Record<string, any> | undefined,
    credentialFields: readonly string[],
): AsyncGenerator<{ key: string; finding: SecretFinding }> {
    const p = props ?? {};
    for (const key of Object.keys(p)) {
        const finding = credentialFields.includes(key)
            ? await scanCredentialField(p[key], key)
            : typeof p[key] === "string"
              ? await scanOnce(p[key], key)
              : undefined;
        if (finding?.confidence === "high") {
            yield { key, finding };
        }
    }
}

/** One literal env value of a container that {@link scanValue} found something in. */
export interface ContainerEnvFinding {
    container: ContainerView;
    /** The env name, `#<index>` when it has none. */
    name: string;
    finding: SecretFinding;
}

/**
 * Scans the literal env values (not `valueFrom`) of every container of a pod spec, in order,
 * skipping the names in `allowedNames` (a config list: non-strings are ignored).
 */
export async function* containerEnvFindings(
    spec: Record<string, any>,
    allowedNames: unknown,
): AsyncGenerator<ContainerEnvFinding> {
    const allowed = new Set(asArray(allowedNames ?? []).filter((n) => typeof n === "string"));
    for (const c of containers(spec)) {
        for (const [i, entry] of asArray(c.container.env).entries()) {
            const env = asObject(entry);
            const name = typeof env.name === "string" ? env.name : `#${i}`;
            if (allowed.has(name) || typeof env.value !== "string") {
                continue;
            }
            const finding = await scanOnce(env.value, name);
            if (finding) {
                yield { container: c, name, finding };
            }
        }
    }
}
