package io.kefu.gateway.orderfeed.pinduoduo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.handlers.campaign.InvalidOrderEventException;
import io.kefu.proto.v1.OrderEvent;
import io.kefu.proto.v1.OrderEventType;
import io.kefu.proto.v1.Platform;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Pinduoduo push message types and content → {@link OrderEvent}, in one place. The page documents
 * neither, so this is our reading of the platform's trade/refund message names. Pinduoduo shows
 * an order to the seller only once it is paid (and the group formed), so there is no "created"
 * type and payment reminders never fire for these stores. Content fields we read: {@code tid}
 * (order, required), {@code buyer_id} (the buyer as the store's chat knows them),
 * {@code pay_amount} (yuan, string or number), {@code shipping_name} / {@code tracking_number}
 * (courier / tracking), {@code desc}. Unknown types are poison for us: acknowledged so the
 * platform stops redelivering them, and counted.
 */
final class PinduoduoTypes {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, OrderEventType> TYPES = Map.of(
            "pdd_trade_TradeConfirmed", OrderEventType.ORDER_PAID,
            "pdd_trade_TradeSellerShip", OrderEventType.ORDER_SHIPPED,
            "pdd_trade_TradeSuccess", OrderEventType.ORDER_DELIVERED,
            "pdd_trade_TradeClose", OrderEventType.ORDER_CANCELLED,
            "pdd_refund_RefundCreated", OrderEventType.REFUND_REQUESTED,
            "pdd_refund_RefundAgreeAgreement", OrderEventType.REFUND_AGREED,
            "pdd_refund_RefundClosed", OrderEventType.REFUND_CLOSED);

    private PinduoduoTypes() {
    }

    static OrderEvent toEvent(String storeId, PushFrame f, long fallbackTime) {
        String id = f.idText();
        OrderEventType type = TYPES.get(f.type());
        if (type == null) {
            throw new InvalidOrderEventException("Pinduoduo message " + id + ": unsupported type '" + f.type() + "'");
        }
        JsonNode c;
        try {
            c = JSON.readTree(f.content());
        } catch (Exception e) {
            throw new InvalidOrderEventException("Pinduoduo message " + id + ": content is not JSON");
        }
        if (c == null || !c.isObject() || c.path("tid").asText("").isEmpty()) {
            throw new InvalidOrderEventException("Pinduoduo message " + id + ": content without tid");
        }
        OrderEvent.Builder b = OrderEvent.newBuilder()
                .setEventId("pdd-" + id)
                .setPlatform(Platform.PINDUODUO)
                .setStoreId(storeId)
                .setOrderId(c.path("tid").asText())
                .setBuyerId(c.path("buyer_id").asText(""))
                .setType(type)
                .setEventTime(f.time() > 0 ? f.time() : fallbackTime)
                .setCourier(c.path("shipping_name").asText(""))
                .setTrackingNo(c.path("tracking_number").asText(""))
                .setDetail(c.path("desc").asText(""));
        String amount = c.path("pay_amount").asText("");
        if (!amount.isEmpty()) {
            try {
                b.setAmountCents(new BigDecimal(amount).movePointRight(2).longValueExact());
            } catch (ArithmeticException | NumberFormatException e) {
                throw new InvalidOrderEventException("Pinduoduo message " + id + ": pay_amount '" + amount + "' is not an amount");
            }
        }
        return b.build();
    }
}
