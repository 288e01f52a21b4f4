import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { requireCustomerManagedKeyProperty } from "../../../../lib/sharedConfig";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-kinesis-firehosedeliverystream-enable-server-side-encryption";
const FIX =
    'set `serverSideEncryption.enabled` to true with `keyType` "CUSTOMER_MANAGED_CMK" and `keyArn` set to a customer-managed KMS key.';

/** Policy config of {@link enableServerSideEncryption}. */
export interface EnableServerSideEncryptionConfig {
    /** Reject AWS-managed key aliases (`alias/aws/firehose`) in `serverSideEncryption.keyArn`. */
    requireCustomerManagedKey?: boolean;
}

/**
 * Records buffered by a delivery stream are personal data at rest (Article 32(1)(a)). A delivery
 * stream reading from a Kinesis stream is encrypted by that stream's key instead (the Kinesis rule
 * checks it), so it is not applicable here.
 */
export const enableServerSideEncryption: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Kinesis Firehose delivery streams have server-side encryption enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        'Set `serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: <customer-managed key> }`, or read from an encrypted Kinesis stream.',
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            requireCustomerManagedKey: requireCustomerManagedKeyProperty,
        },
    },
    validateResource: ofType(
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        (args, reportViolation) => {
            if (args.props.kinesisSourceConfiguration) {
                args.notApplicable(
                    "The delivery stream reads from a Kinesis stream, whose own encryption covers it.",
                );
            }
            const config = args.getConfig<EnableServerSideEncryptionConfig>();
            const sse = asObject(args.props.serverSideEncryption);
            if (sse.enabled !== true) {
                reportViolation(
                    `Firehose delivery stream "${args.name}" does not enable server-side encryption, so buffered records sit at rest unprotected; ${FIX}`,
                );
                return;
            }
            if (sse.keyType === "CUSTOMER_MANAGED_CMK") {
                const key = readKeyRef(sse.keyArn);
                if (key.kind === "missing") {
                    reportViolation(
                        `Firehose delivery stream "${args.name}" sets \`serverSideEncryption.keyType\` to "CUSTOMER_MANAGED_CMK" but names no key in \`keyArn\`; ${FIX}`,
                    );
                } else if (
                    key.kind === "aws-managed" &&
                    (config.requireCustomerManagedKey ?? true)
                ) {
                    reportViolation(
                        `Firehose delivery stream "${args.name}" is encrypted with the AWS-managed key "${key.alias}", which this organisation cannot rotate, restrict or audit; ${FIX}`,
                    );
                }
            }
        },
    ),
};
