// Plaintext-URL detection: finds URLs whose scheme carries data without TLS, says which TLS form to
// use instead, and scans the places workloads keep configuration (container env values, ConfigMap
// data). Values are never echoed with their credentials: `redacted` drops the userinfo part.
import { containers, describeContainer, metadataOf, podTemplate, workloadKind } from "./k8s";
import type { MeshScopeConfig } from "./mesh";
import { asArray, asObject } from "./read";

/** Plaintext schemes and the TLS form to use instead. */
export const PLAINTEXT_SCHEMES: Readonly<Record<string, string>> = {
    http: "https",
    ws: "wss",
    ftp: "ftps",
    ldap: "ldaps",
    amqp: "amqps",
    redis: "rediss",
    mqtt: "mqtts",
    smtp: "smtps",
    nats: "tls://",
    mongodb: "mongodb+srv or `?tls=true`",
    postgres: "`?sslmode=verify-full`",
    postgresql: "`?sslmode=verify-full`",
};

/** Query parameters that turn a scheme without its own TLS form into a TLS connection. */
const TLS_QUERY: Record<string, RegExp> = {
    mongodb: /(?:^|&)(?:tls|ssl)=true(?:&|$)/i,
    postgres: /(?:^|&)sslmode=(?:require|verify-ca|verify-full)(?:&|$)/i,
    postgresql: /(?:^|&)sslmode=(?:require|verify-ca|verify-full)(?:&|$)/i,
};

/** One URL, split into the parts rules talk about. */
export interface ParsedUrl {
    /** Lower-case scheme, e.g. `http`. */
    scheme: string;
    /** Lower-case host without brackets, e.g. `crm.internal.example.com` or `::1`. */
    host: string;
    /** The port as written, if any. */
    port?: string;
    /** The URL with any userinfo replaced by `***`, safe to quote in a message. */
    redacted: string;
    /** The query string without `?`, `""` when absent. */
    query: string;
}

/** A plaintext URL found in a value. */
export interface PlaintextUrl extends ParsedUrl {
    /** What to use instead, e.g. `https`. */
    secureForm: string;
}

const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*):\/\/([^\s"'<>`]+)/gi;
const TRAILING_PUNCTUATION = /[;,.!?:)\]}]+$/;

/** Parses `scheme://authority/...`; undefined when `text` is not such a URL. */
export function parseUrl(text: string): ParsedUrl | undefined {
    const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)([^?#\s]*)(?:\?([^#\s]*))?/i.exec(text.trim());
    if (!m) {
        return undefined;
    }
    const scheme = m[1].toLowerCase();
    let authority = m[2];
    const at = authority.lastIndexOf("@");
    const hadUserinfo = at >= 0;
    if (hadUserinfo) {
        authority = authority.slice(at + 1);
    }
    let host: string;
    let port: string | undefined;
    const v6 = /^\[([^\]]*)\](?::(\d*))?$/.exec(authority);
    if (v6) {
        host = v6[1];
        port = v6[2] || undefined;
    } else {
        const colon = authority.lastIndexOf(":");
        host = colon >= 0 ? authority.slice(0, colon) : authority;
        port = colon >= 0 ? authority.slice(colon + 1) || undefined : undefined;
    }
    const rest = text.trim().slice(m[0].length);
    const query = m[4] !== undefined ? `?${redactQuery(m[4])}` : "";
    const redacted = `${scheme}://${hadUserinfo ? "***@" : ""}${authority}${m[3]}${query}${rest}`;
    return { scheme, host: host.toLowerCase(), port, redacted, query: m[4] ?? "" };
}

/**
 * How a value that should be a URL is quoted in a message: a URL in its redacted form, a bare
 * host name (`vault.internal:8200`) as it is, anything else not at all — a value that is neither
 * may be a credential pasted into the wrong field, and reports never print one.
 */
export function shownAddress(value: unknown): string {
    if (typeof value !== "string") {
        return "(not a string)";
    }
    const url = parseUrl(value);
    if (url) {
        return url.redacted;
    }
    const text = value.trim();
    return text.length <= 253 && /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/[\w./-]*)?$/i.test(text)
        ? text
        : "(not a URL)";
}

const SECRET_PARAM = /pass|secret|token|key|auth|cred|sig/i;

/** Replaces the values of secret-looking query parameters (`password=`, `token=`, …) with `***`. */
function redactQuery(query: string): string {
    return query
        .split("&")
        .map((part) => {
            const eq = part.indexOf("=");
            return eq > 0 && SECRET_PARAM.test(part.slice(0, eq))
                ? `${part.slice(0, eq)}=***`
                : part;
        })
        .join("&");
}

/** True for hosts that never leave the machine: `localhost`, `*.localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackHost(host: string): boolean {
    const h = host.toLowerCase().replace(/\.$/, "");
    return (
        h === "localhost" ||
        h.endsWith(".localhost") ||
        /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
        h === "::1" ||
        h === "0:0:0:0:0:0:0:1"
    );
}

/** An in-cluster service DNS name (`svc.ns.svc` or `svc.ns.svc.cluster.local`) and its namespace. */
export interface ServiceHost {
    service: string;
    namespace: string;
}

/** Reads an in-cluster service DNS name; undefined for anything else. */
export function serviceHost(host: string): ServiceHost | undefined {
    const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?\.?$/i.exec(host);
    return m ? { service: m[1].toLowerCase(), namespace: m[2].toLowerCase() } : undefined;
}

/** The TLS form of a parsed URL's scheme when the URL is plaintext, else undefined. */
export function plaintextSecureForm(url: ParsedUrl): string | undefined {
    const secure = PLAINTEXT_SCHEMES[url.scheme];
    if (secure === undefined) {
        return undefined;
    }
    const tls = TLS_QUERY[url.scheme];
    return tls && tls.test(url.query) ? undefined : secure;
}

/**
 * Every plaintext URL in `text` to a non-loopback host, in order. `text` may be a bare URL or a
 * longer value (a config file held in a ConfigMap).
 */
export function findPlaintextUrls(text: string): PlaintextUrl[] {
    const out: PlaintextUrl[] = [];
    for (const m of text.matchAll(URL_IN_TEXT)) {
        // Punctuation that ends the sentence or statement around a URL is not part of it:
        // nginx's `proxy_pass http://node;`, `(see http://crm.internal).`, `"http://a",`.
        const url = parseUrl(m[0].replace(TRAILING_PUNCTUATION, ""));
        if (!url || url.host === "" || isLoopbackHost(url.host)) {
            continue;
        }
        const secureForm = plaintextSecureForm(url);
        if (secureForm !== undefined) {
            out.push({ ...url, secureForm });
        }
    }
    return out;
}

/** True when `value` is an `https://` URL with a host. */
export function isHttpsUrl(value: unknown): boolean {
    if (typeof value !== "string") {
        return false;
    }
    const url = parseUrl(value);
    return url !== undefined && url.scheme === "https" && url.host !== "";
}

/** A plaintext URL found in a workload's configuration, with where it sits. */
export interface ConfigUrlFinding {
    /** Where the value sits, for messages: `container "sync" env "CRM_URL"` or `data key "crm.url"`. */
    place: string;
    url: PlaintextUrl;
}

const CONFIG_MAP_TYPE = /^kubernetes:core\/v1:ConfigMap(Patch)?$/;

/** True for ConfigMap type tokens (and their Patch form). */
export function isConfigMap(type: string): boolean {
    return CONFIG_MAP_TYPE.test(type);
}

/**
 * Plaintext URLs in a resource's configuration: literal env values of every container of a
 * workload's pod template, and every `data` value of a ConfigMap. Other types yield `[]`.
 */
export function configUrlFindings(type: string, props: Record<string, any>): ConfigUrlFinding[] {
    const out: ConfigUrlFinding[] = [];
    const template = podTemplate(type, props);
    if (template) {
        for (const c of containers(template.spec)) {
            asArray(c.container.env).forEach((e, i) => {
                const env = asObject(e);
                const value = env.value;
                if (typeof value !== "string") {
                    return;
                }
                const name = typeof env.name === "string" ? env.name : `#${i}`;
                for (const url of findPlaintextUrls(value)) {
                    out.push({ place: `${describeContainer(c)} env "${name}"`, url });
                }
            });
        }
        return out;
    }
    if (isConfigMap(type)) {
        for (const [key, value] of Object.entries(asObject(props.data))) {
            if (typeof value !== "string") {
                continue;
            }
            for (const url of findPlaintextUrls(value)) {
                out.push({ place: `data key "${key}"`, url });
            }
        }
    }
    return out;
}

/**
 * {@link configUrlFindings} of every workload and ConfigMap of a stack, each with its resource and
 * kind (`Deployment`, …, `ConfigMap`) for messages.
 */
export function* stackConfigUrlFindings<R extends { type: string; props: Record<string, any> }>(
    resources: Iterable<R>,
): Generator<{ resource: R; kind: string; finding: ConfigUrlFinding }> {
    for (const resource of resources) {
        const kind =
            workloadKind(resource.type) ?? (isConfigMap(resource.type) ? "ConfigMap" : undefined);
        if (kind === undefined) {
            continue;
        }
        for (const finding of configUrlFindings(resource.type, resource.props)) {
            yield { resource, kind, finding };
        }
    }
}

/** True when `host` matches an exact name or a `*.suffix` pattern of `patterns`. */
export function hostAllowed(host: string, patterns: unknown): boolean {
    if (!Array.isArray(patterns)) {
        return false;
    }
    return patterns.some(
        (p) =>
            typeof p === "string" &&
            (p.startsWith("*.")
                ? host.endsWith(p.slice(1).toLowerCase())
                : host === p.toLowerCase()),
    );
}

/** The namespace a namespaced resource lives in (`metadata.namespace`), `"default"` when unset. */
export function namespaceOf(props: Record<string, any>): string {
    const ns = metadataOf(props).namespace;
    return typeof ns === "string" && ns !== "" ? ns : "default";
}

/** Policy config of {@link disallowPlaintextUrls}. */
export interface DisallowPlaintextUrlsConfig extends MeshScopeConfig {
    /** Hosts exempt from the rule: exact names or `*.suffix` patterns. */
    allowedHosts?: string[];
}
