import type { Policies } from "@pulumi/policy";
import { enforceTlsPolicy as apigatewayEnforceTlsPolicy } from "./aws/apigateway/enforceTlsPolicy";
import { enforceHttps as cloudfrontEnforceHttps } from "./aws/cloudfront/enforceHttps";
import { disallowPlaintextUrls as ecsDisallowPlaintextUrls } from "./aws/ecs/disallowPlaintextUrls";
import { disallowPlaintextListeners as elbDisallowPlaintextListeners } from "./aws/elb/disallowPlaintextListeners";
import { disallowPlaintextHttp as eventApiDestinationDisallowPlaintextHttp } from "./aws/cloudwatch/disallowPlaintextHttp";
import { enableTransitEncryption as elasticacheEnableTransitEncryption } from "./aws/elasticache/enableTransitEncryption";
import { disallowPlaintextHttp as lbDisallowPlaintextHttp } from "./aws/lb/disallowPlaintextHttp";
import { disallowPlaintextProtocol as lbDisallowPlaintextProtocol } from "./aws/lb/disallowPlaintextProtocol";
import { enforceTlsPolicy as lbEnforceTlsPolicy } from "./aws/lb/enforceTlsPolicy";
import { disallowPublicAccess as mqDisallowPublicAccess } from "./aws/mq/disallowPublicAccess";
import { enforceTls as mskEnforceTls } from "./aws/msk/enforceTls";
import { enforceHttps as opensearchEnforceHttps } from "./aws/opensearch/enforceHttps";
import { disallowDefaultParameterGroup as rdsDisallowDefaultParameterGroup } from "./aws/rds/disallowDefaultParameterGroup";
import { enforceSslConnections as rdsEnforceSslConnections } from "./aws/rds/enforceSslConnections";
import { enforceSslConnections as redshiftEnforceSslConnections } from "./aws/redshift/enforceSslConnections";
import { enforceSecureTransport as s3EnforceSecureTransport } from "./aws/s3/enforceSecureTransport";
import { missingSecureTransportPolicy as s3MissingSecureTransportPolicy } from "./aws/s3/missingSecureTransportPolicy";
import { disallowPlaintextHttp as snsDisallowPlaintextHttp } from "./aws/sns/disallowPlaintextHttp";
import { enforceSecureTransport as snsEnforceSecureTransport } from "./aws/sns/enforceSecureTransport";
import { missingSecureTransportPolicy as snsMissingSecureTransportPolicy } from "./aws/sns/missingSecureTransportPolicy";
import { enforceSecureTransport as sqsEnforceSecureTransport } from "./aws/sqs/enforceSecureTransport";
import { missingSecureTransportPolicy as sqsMissingSecureTransportPolicy } from "./aws/sqs/missingSecureTransportPolicy";
import { disallowInMeshPlaintextUrls } from "./kubernetes/core/disallowInMeshPlaintextUrls";
import { disallowMeshBypass } from "./kubernetes/core/disallowMeshBypass";
import { disallowPlaintextUrls } from "./kubernetes/core/disallowPlaintextUrls";
import { enableMeshInjection } from "./kubernetes/core/enableMeshInjection";
import { enableStrictMode } from "./kubernetes/istio/enableStrictMode";
import { enforceMutualTls } from "./kubernetes/istio/enforceMutualTls";
import { enforceStrictMtls } from "./kubernetes/istio/enforceStrictMtls";
import { enableTls as ingressEnableTls } from "./kubernetes/networking/enableTls";
import { disallowInsecureClusters } from "./pulumi/providers/disallowInsecureClusters";
import { disallowInsecureEndpoints } from "./pulumi/providers/disallowInsecureEndpoints";
import { enforceVerifiedTls } from "./pulumi/providers/enforceVerifiedTls";
import { disallowPlaintextHttp as awsxLbDisallowPlaintextHttp } from "./awsx/lb/disallowPlaintextHttp";
import { enforceMeshMtls as syncJobEnforceMeshMtls } from "./kubernetes/syncjob/enforceMeshMtls";

/** The `transport` family, in documentation order. */
export const transportPolicies: Policies = [
    // Kubernetes and the mesh
    enforceStrictMtls,
    enableStrictMode,
    enforceMutualTls,
    disallowMeshBypass,
    enableMeshInjection,
    ingressEnableTls,
    disallowPlaintextUrls,
    disallowInMeshPlaintextUrls,
    // AWS
    lbDisallowPlaintextHttp,
    lbEnforceTlsPolicy,
    lbDisallowPlaintextProtocol,
    elbDisallowPlaintextListeners,
    apigatewayEnforceTlsPolicy,
    cloudfrontEnforceHttps,
    sqsEnforceSecureTransport,
    sqsMissingSecureTransportPolicy,
    snsEnforceSecureTransport,
    snsMissingSecureTransportPolicy,
    s3EnforceSecureTransport,
    s3MissingSecureTransportPolicy,
    snsDisallowPlaintextHttp,
    eventApiDestinationDisallowPlaintextHttp,
    rdsEnforceSslConnections,
    rdsDisallowDefaultParameterGroup,
    elasticacheEnableTransitEncryption,
    mskEnforceTls,
    opensearchEnforceHttps,
    redshiftEnforceSslConnections,
    mqDisallowPublicAccess,
    ecsDisallowPlaintextUrls,
    // awsx components (their inputs)
    awsxLbDisallowPlaintextHttp,
    // Providers
    enforceVerifiedTls,
    disallowInsecureClusters,
    disallowInsecureEndpoints,
    // Stack rules that demand the components (SecureSyncJob)
    syncJobEnforceMeshMtls,
];
