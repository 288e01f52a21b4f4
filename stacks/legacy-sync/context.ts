import type * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";

/** What the base of the legacy stack hands to each family's offences (see `index.ts`). */
export interface LegacyContext {
    /** The sync's namespace: created without mesh injection. */
    namespace: k8s.core.v1.Namespace;
    /** Its name, as a plain string. */
    namespaceName: string;
    /** The IAM user the 2 a.m. script authenticates as. */
    user: aws.iam.User;
    /** The unencrypted queue the sync writes to. */
    queue: aws.sqs.Queue;
}
