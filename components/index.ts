// gdpr-guard components: sync jobs that can only be built right. Each passes the gdpr-guard policy
// pack with zero violations; each refuses unsafe arguments at construction.
export { EncryptedQueue, type EncryptedQueueArgs } from "./encryptedQueue";
export type { DataOwnership } from "./internal";
export {
    LeastPrivilegeRole,
    type IamGrant,
    type LeastPrivilegeRoleArgs,
} from "./leastPrivilegeRole";
export {
    MeshNamespace,
    type MeshKind,
    type MeshNamespaceArgs,
    type MeshPrincipal,
} from "./meshNamespace";
export {
    SecureSyncJob,
    validateSecureSyncJobArgs,
    type EgressTarget,
    type SecureSyncJobArgs,
    type SecureSyncJobAwsArgs,
    type SecureSyncJobPlan,
    type SecureSyncJobVaultArgs,
    type SyncEndpoint,
    type VaultSecretFile,
} from "./secureSyncJob";
export {
    VaultWorkloadIdentity,
    type AwsCredentialRole,
    type DatabaseCredentialRole,
    type VaultCapability,
    type VaultPathGrant,
    type VaultWorkloadIdentityArgs,
} from "./vaultWorkloadIdentity";
