// Public reach (Article 25(2): personal data "not made accessible without the individual's
// intervention to an indefinite number of natural persons"): the `publiclyAccessible` flags of data
// stores, and the internet-wide address ranges and sensitive ports of network rules.
import { isTrue } from "./read";

/** A data store type whose `publiclyAccessible` flag gives it a public address. */
export interface PublicFlagType {
    /** How a message names the resource, e.g. `RDS instance`. */
    subject: string;
    /** What the provider does when the flag is not set (DMS replication instances default to public). */
    defaultPublic: boolean;
}

/**
 * Reports a data store whose `publiclyAccessible` is true, or unset where the provider's default is
 * public. A value that is unknown during preview is read, so the framework reports it.
 */
export function checkPubliclyAccessible(
    spec: PublicFlagType,
    name: string,
    props: Record<string, any>,
    reportViolation: (message: string) => void,
): void {
    const value: unknown = props.publiclyAccessible;
    const explicit = isTrue(value);
    if (!explicit && !(spec.defaultPublic && value === undefined)) {
        return;
    }
    const what = explicit
        ? "sets publiclyAccessible true"
        : "leaves publiclyAccessible unset, which AWS defaults to true";
    reportViolation(
        `${spec.subject} "${name}" ${what}, so it gets a public address and anyone on the internet can try to connect to the personal data it holds; keep it inside the VPC: set \`publiclyAccessible: false\`.`,
    );
}

/**
 * True for a CIDR of prefix length 0 — `0.0.0.0/0`, `::/0` or any address written with `/0` —
 * which matches every address on the internet.
 */
export function isInternetCidr(value: unknown): boolean {
    return typeof value === "string" && /^[0-9a-f.:]+\/0$/i.test(value.trim());
}

/** Data-store and administration ports that should never face the whole internet, with their services. */
export const SENSITIVE_PORTS: Readonly<Record<number, string>> = {
    22: "SSH",
    1433: "MSSQL",
    1521: "Oracle",
    2375: "Docker API",
    2376: "Docker API (TLS)",
    2379: "etcd",
    2380: "etcd peer",
    3306: "MySQL",
    3389: "RDP",
    5432: "PostgreSQL",
    5601: "Kibana",
    5672: "RabbitMQ",
    5984: "CouchDB",
    6379: "Redis",
    6443: "Kubernetes API",
    7000: "Cassandra",
    8020: "HDFS",
    9042: "Cassandra",
    9092: "Kafka",
    9200: "Elasticsearch",
    9300: "Elasticsearch",
    10250: "kubelet",
    11211: "Memcached",
    15672: "RabbitMQ management",
    27017: "MongoDB/DocumentDB",
    27018: "MongoDB",
};

/** One ingress permission, as the three security-group rule shapes write it. */
export interface IngressPermission {
    /** Where it sits, for messages: `ingress[0]` or `""` for a rule resource of its own. */
    place: string;
    protocol: unknown;
    fromPort: unknown;
    toPort: unknown;
    cidrs: unknown[];
}

function portNumber(value: unknown): number | undefined {
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof n === "number" && Number.isInteger(n) ? n : undefined;
}

/**
 * The ports an ingress permission opens: every port for protocol `-1`/`all`, the
 * `fromPort`–`toPort` range for TCP and UDP (a missing bound reads as the end of the range), none
 * for ICMP and other protocols.
 */
export function openedPorts(
    p: IngressPermission,
): { all: boolean; from: number; to: number } | undefined {
    const protocol = typeof p.protocol === "string" ? p.protocol.trim().toLowerCase() : p.protocol;
    if (protocol === "-1" || protocol === -1 || protocol === "all") {
        return { all: true, from: 0, to: 65535 };
    }
    if (!["tcp", "udp", "6", "17", 6, 17].includes(protocol as string | number)) {
        return undefined;
    }
    const from = portNumber(p.fromPort) ?? 0;
    const to = portNumber(p.toPort) ?? 65535;
    return from === 0 && to === 0 ? undefined : { all: false, from, to };
}

/** The sensitive ports in `from`–`to`, as `MySQL (3306)`-style labels. */
export function sensitivePortsIn(from: number, to: number, ports: readonly number[]): string[] {
    return ports
        .filter((port) => port >= from && port <= to)
        .sort((a, b) => a - b)
        .map((port) =>
            SENSITIVE_PORTS[port]
                ? `${SENSITIVE_PORTS[port]} (${port})`
                : `configured port ${port}`,
        );
}
