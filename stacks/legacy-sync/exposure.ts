// Open to the world, the way the 2 a.m. script grew: the CRM database with a public address behind
// a security group that admits MySQL and SSH from anywhere, a Redshift warehouse and a DMS
// replication instance (public by AWS's default) with public endpoints, an
// OpenSearch domain outside the VPC whose policy admits everyone, an exports bucket with its public
// access block half off and a public-read ACL, a Jenkins login page on port 80 behind a
// LoadBalancer Service, the EKS API open to the internet, and a reporting host that still answers
// IMDSv1. (The base script's launch template in secrets.ts allows IMDSv1 too.)
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type { LegacyContext } from "./context";

/** Offences of the `exposure` family (see `index.ts`). */
export function addOffences(ctx: LegacyContext): void {
    const vpcId = "vpc-0a1b2c3d4e5f67890";

    // "Temporarily" open so the ERP vendor could connect; MySQL and SSH from anywhere.
    const dbAccess = new aws.ec2.SecurityGroup("legacy-crm-mysql", {
        vpcId,
        description: "crm mysql",
        ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }],
    });
    new aws.vpc.SecurityGroupIngressRule("legacy-crm-ssh", {
        securityGroupId: dbAccess.id,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv4: "0.0.0.0/0",
    });
    new aws.rds.Instance("legacy-crm-mysql", {
        engine: "mysql",
        instanceClass: "db.t3.micro",
        allocatedStorage: 20,
        username: "crm_admin",
        manageMasterUserPassword: true,
        publiclyAccessible: true,
        vpcSecurityGroupIds: [dbAccess.id],
        skipFinalSnapshot: true,
    });
    new aws.redshift.Cluster("legacy-sales-warehouse", {
        clusterIdentifier: "sales-warehouse",
        nodeType: "ra3.xlplus",
        masterUsername: "warehouse",
        manageMasterPassword: true,
        publiclyAccessible: true,
    });
    new aws.dms.ReplicationInstance("legacy-crm-to-erp", {
        replicationInstanceId: "crm-to-erp",
        replicationInstanceClass: "dms.t3.micro",
    });
    new aws.opensearch.Domain("legacy-crm-search", {
        domainName: "crm-search",
        accessPolicies: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Everyone",
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: "es:*",
                    Resource: "arn:aws:es:eu-west-1:111122223333:domain/crm-search/*",
                },
            ],
        }),
    });

    // The ERP exports bucket, shared with a partner "for a week".
    const exportsBucket = new aws.s3.Bucket("legacy-erp-shared", { bucket: "legacy-erp-shared" });
    new aws.s3.BucketPublicAccessBlock("legacy-erp-shared", {
        bucket: exportsBucket.id,
        blockPublicAcls: false,
        blockPublicPolicy: true,
        ignorePublicAcls: false,
        restrictPublicBuckets: true,
    });
    new aws.s3.BucketAclV2("legacy-erp-shared", { bucket: exportsBucket.id, acl: "public-read" });

    // The build server that deploys the sync: its login page, on port 80, to the internet.
    new k8s.core.v1.Service(
        "legacy-jenkins",
        {
            metadata: { name: "jenkins", namespace: ctx.namespaceName },
            spec: {
                type: "LoadBalancer",
                selector: { app: "jenkins" },
                ports: [{ name: "http", port: 80, targetPort: 8080 }],
            },
        },
        { dependsOn: [ctx.namespace] },
    );

    // The cluster the CronJob runs on, reachable from anywhere; and the reporting host.
    new aws.eks.Cluster("legacy-sync-cluster", {
        roleArn: "arn:aws:iam::111122223333:role/legacy-eks",
        vpcConfig: { subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"] },
    });
    new aws.ec2.Instance("legacy-reporting", {
        ami: "ami-0a1b2c3d4e5f67890",
        instanceType: "t3.micro",
        metadataOptions: { httpTokens: "optional" },
    });
}
