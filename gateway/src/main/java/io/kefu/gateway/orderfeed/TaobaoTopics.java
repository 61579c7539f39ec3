package io.kefu.gateway.orderfeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.handlers.campaign.InvalidOrderEventException;
import io.kefu.proto.v1.LogisticsStatus;
import io.kefu.proto.v1.OrderEvent;
import io.kefu.proto.v1.OrderEventType;
import io.kefu.proto.v1.Platform;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * TMC topics and message content → {@link OrderEvent}, in one place. Content is the topic's JSON:
 * {@code tid} (order), {@code buyer_open_uid} (the buyer as the store's chat knows them),
 * {@code payment} (yuan, "99.00"), {@code company_name} / {@code out_sid} (courier / tracking),
 * {@code action} on logistics traces ({@code FAILED}, {@code RETURN}; anything else is movement),
 * {@code desc}. Unknown topics are poison for us (reported Failed, not retried forever).
 */
final class TaobaoTopics {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, OrderEventType> TOPICS = Map.of(
            "taobao_trade_TradeCreate", OrderEventType.ORDER_CREATED,
            "taobao_trade_TradeBuyerPay", OrderEventType.ORDER_PAID,
            "taobao_trade_TradeSellerShip", OrderEventType.ORDER_SHIPPED,
            "taobao_logistics_LogsticDetailTrace", OrderEventType.LOGISTICS_UPDATE,
            "taobao_trade_TradeSuccess", OrderEventType.ORDER_DELIVERED,
            "taobao_trade_TradeClose", OrderEventType.ORDER_CANCELLED,
            "taobao_refund_RefundCreated", OrderEventType.REFUND_REQUESTED,
            "taobao_refund_RefundSellerAgreeAgreement", OrderEventType.REFUND_AGREED,
            "taobao_refund_RefundClosed", OrderEventType.REFUND_CLOSED);

    private TaobaoTopics() {
    }

    static OrderEvent toEvent(String storeId, long messageId, String topic, String content, long time) {
        OrderEventType type = TOPICS.get(topic);
        if (type == null) {
            throw new InvalidOrderEventException("TMC message " + messageId + ": unsupported topic '" + topic + "'");
        }
        JsonNode c;
        try {
            c = JSON.readTree(content);
        } catch (Exception e) {
            throw new InvalidOrderEventException("TMC message " + messageId + ": content is not JSON");
        }
        if (c == null || !c.isObject() || c.path("tid").asText("").isEmpty()) {
            throw new InvalidOrderEventException("TMC message " + messageId + ": content without tid");
        }
        OrderEvent.Builder b = OrderEvent.newBuilder()
                .setEventId("tmc-" + messageId)
                .setPlatform(Platform.TAOBAO)
                .setStoreId(storeId)
                .setOrderId(c.path("tid").asText())
                .setBuyerId(c.path("buyer_open_uid").asText(""))
                .setType(type)
                .setEventTime(time)
                .setCourier(c.path("company_name").asText(""))
                .setTrackingNo(c.path("out_sid").asText(""))
                .setDetail(c.path("desc").asText(""));
        String payment = c.path("payment").asText("");
        if (!payment.isEmpty()) {
            try {
                b.setAmountCents(new BigDecimal(payment).movePointRight(2).longValueExact());
            } catch (ArithmeticException | NumberFormatException e) {
                throw new InvalidOrderEventException("TMC message " + messageId + ": payment '" + payment + "' is not an amount");
            }
        }
        if (type == OrderEventType.LOGISTICS_UPDATE) {
            String action = c.path("action").asText("").toUpperCase(Locale.ROOT);
            b.setLogisticsStatus(switch (action) {
                case "FAILED" -> LogisticsStatus.DELIVERY_FAILED;
                case "RETURN", "REJECT" -> LogisticsStatus.RETURNED_TO_SENDER;
                default -> LogisticsStatus.IN_TRANSIT;
            });
        }
        return b.build();
    }
}
