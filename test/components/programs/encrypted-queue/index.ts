// EncryptedQueue alone: must pass the whole pack.
import { EncryptedQueue } from "../../../../components";

new EncryptedQueue("crm-events", {
    accountId: "111122223333",
    producers: ["arn:aws:iam::111122223333:role/crm-sync"],
    consumers: ["arn:aws:iam::111122223333:role/erp-sync"],
    tags: { "data-owner": "sales-operations", "data-category": "customer-contact" },
});
