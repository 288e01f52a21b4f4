// RDS parameter groups: where `rds.force_ssl` / `require_secure_transport` live, shared by the RDS
// TLS rules.
export const GROUP_TYPES = new Set([
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
]);

/** Database type → the input naming its parameter group. */
export const USERS: Record<string, { prop: string; label: string }> = {
    "aws:rds/instance:Instance": { prop: "parameterGroupName", label: "DB instance" },
    "aws:rds/cluster:Cluster": { prop: "dbClusterParameterGroupName", label: "DB cluster" },
    "aws:rds/clusterInstance:ClusterInstance": {
        prop: "dbParameterGroupName",
        label: "DB cluster instance",
    },
};

/** The parameter that forces TLS for a parameter-group family, with the values that turn it on. */
export function sslParameter(
    family: string,
): { name: string; values: string[]; set: string } | undefined {
    const f = family.toLowerCase();
    if (f.includes("postgres") || f.startsWith("sqlserver")) {
        return { name: "rds.force_ssl", values: ["1"], set: "1" };
    }
    if (f.includes("mysql") || f.startsWith("mariadb")) {
        return { name: "require_secure_transport", values: ["ON", "1"], set: "ON" };
    }
    return undefined;
}
