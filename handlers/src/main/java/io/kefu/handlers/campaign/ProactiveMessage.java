package io.kefu.handlers.campaign;

/**
 * A message kefu starts itself, for one buyer of one store.
 *
 * @param id               deterministic (from the task id): the inbox dedup key, so a rerun is not a second message
 * @param afterSalesReason non-empty: also open an after-sales ticket with this reason
 */
public record ProactiveMessage(String id, StoreCampaign store, String buyerId, String orderId, CampaignTask.Kind kind,
                               String text, String afterSalesReason) {
}
