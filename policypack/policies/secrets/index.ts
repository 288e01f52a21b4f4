import type { Policies } from "@pulumi/policy";
import { disallowPlaintextSecrets as codebuildDisallowPlaintextSecrets } from "./aws/codebuild/disallowPlaintextSecrets";
import { disallowLiteralPassword as docdbDisallowLiteralPassword } from "./aws/docdb/disallowLiteralPassword";
import { disallowLiteralPassword as glueDisallowLiteralPassword } from "./aws/glue/disallowLiteralPassword";
import { disallowSecretUserData as ec2DisallowSecretUserData } from "./aws/ec2/disallowSecretUserData";
import { disallowSecretEnvironment as ecsDisallowSecretEnvironment } from "./aws/ecs/disallowSecretEnvironment";
import { disallowLiteralAuthToken as elasticacheDisallowLiteralAuthToken } from "./aws/elasticache/disallowLiteralAuthToken";
import { disallowConsolePasswords as iamDisallowConsolePasswords } from "./aws/iam/disallowConsolePasswords";
import { disallowLongLivedKeys as iamDisallowLongLivedKeys } from "./aws/iam/disallowLongLivedKeys";
import { disallowSecretEnvironment as lambdaDisallowSecretEnvironment } from "./aws/lambda/disallowSecretEnvironment";
import { disallowLiteralPasswords as mqDisallowLiteralPasswords } from "./aws/mq/disallowLiteralPasswords";
import { enableManagedMasterPassword as rdsEnableManagedMasterPassword } from "./aws/rds/enableManagedMasterPassword";
import { enableManagedMasterPassword as redshiftEnableManagedMasterPassword } from "./aws/redshift/enableManagedMasterPassword";
import { disallowLiteralSecrets as secretsmanagerDisallowLiteralSecrets } from "./aws/secretsmanager/disallowLiteralSecrets";
import { enableRotation as secretsmanagerEnableRotation } from "./aws/secretsmanager/enableRotation";
import { disallowPlaintextSecrets as ssmDisallowPlaintextSecrets } from "./aws/ssm/disallowPlaintextSecrets";
import { disallowSecretData as configmapDisallowSecretData } from "./kubernetes/core/disallowSecretData";
import { disallowEnvSecrets as containerDisallowEnvSecrets } from "./kubernetes/core/disallowEnvSecrets";
import { disallowHighEntropyEnv as containerDisallowHighEntropyEnv } from "./kubernetes/core/disallowHighEntropyEnv";
import { disallowLiteralData as secretDisallowLiteralData } from "./kubernetes/core/disallowLiteralData";
import { disallowLiteralTlsData as secretDisallowLiteralTlsData } from "./kubernetes/core/disallowLiteralTlsData";
import { disallowEmbeddedCredentials as kubernetesProviderDisallowEmbeddedCredentials } from "./pulumi/providers/disallowEmbeddedCredentials";
import { disallowStaticCredentials as awsProviderDisallowStaticCredentials } from "./pulumi/providers/disallowStaticCredentials";
import { disallowStaticToken as vaultProviderDisallowStaticToken } from "./pulumi/providers/disallowStaticToken";
import { configureSecretIdLimits as approleConfigureSecretIdLimits } from "./vault/approle/configureSecretIdLimits";
import { enforceTokenTtls as authEnforceTokenTtls } from "./vault/auth/enforceTokenTtls";
import { disallowIamUsers as vaultAwsDisallowIamUsers } from "./vault/aws/disallowIamUsers";
import { enforceCredentialTtls as databaseEnforceCredentialTtls } from "./vault/database/enforceCredentialTtls";
import { disallowIacTokens as tokenDisallowIacTokens } from "./vault/index/disallowIacTokens";
import { enforceShortTtl as tokenEnforceShortTtl } from "./vault/index/enforceShortTtl";
import { enforceExplicitBindings as kubernetesAuthEnforceExplicitBindings } from "./vault/kubernetes/enforceExplicitBindings";
import { disallowLiteralData as kvDisallowLiteralData } from "./vault/kv/disallowLiteralData";
import { enforceShortLivedCredentials as syncJobEnforceShortLivedCredentials } from "./kubernetes/syncjob/enforceShortLivedCredentials";

/** The `secrets` family, in documentation order. */
export const secretsPolicies: Policies = [
    // Long-lived AWS identities.
    iamDisallowLongLivedKeys,
    iamDisallowConsolePasswords,
    // Provider credentials.
    awsProviderDisallowStaticCredentials,
    vaultProviderDisallowStaticToken,
    kubernetesProviderDisallowEmbeddedCredentials,
    // Kubernetes workloads, Secrets and ConfigMaps.
    containerDisallowEnvSecrets,
    containerDisallowHighEntropyEnv,
    secretDisallowLiteralData,
    secretDisallowLiteralTlsData,
    configmapDisallowSecretData,
    // AWS compute and configuration.
    lambdaDisallowSecretEnvironment,
    ecsDisallowSecretEnvironment,
    ec2DisallowSecretUserData,
    codebuildDisallowPlaintextSecrets,
    ssmDisallowPlaintextSecrets,
    secretsmanagerDisallowLiteralSecrets,
    secretsmanagerEnableRotation,
    // Database and broker passwords.
    rdsEnableManagedMasterPassword,
    redshiftEnableManagedMasterPassword,
    docdbDisallowLiteralPassword,
    glueDisallowLiteralPassword,
    elasticacheDisallowLiteralAuthToken,
    mqDisallowLiteralPasswords,
    // Vault.
    tokenEnforceShortTtl,
    tokenDisallowIacTokens,
    authEnforceTokenTtls,
    kubernetesAuthEnforceExplicitBindings,
    approleConfigureSecretIdLimits,
    vaultAwsDisallowIamUsers,
    databaseEnforceCredentialTtls,
    kvDisallowLiteralData,
    // Stack rules that demand the components (SecureSyncJob)
    syncJobEnforceShortLivedCredentials,
];
