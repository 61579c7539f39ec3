package io.kefu.gateway.orderfeed.pinduoduo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kefu.handlers.campaign.InvalidOrderEventException;
import io.kefu.proto.v1.OrderEvent;
import io.kefu.proto.v1.OrderEventType;
import io.kefu.proto.v1.Platform;
import org.junit.jupiter.api.Test;

class PinduoduoTypesTest {
    static PushFrame frame(String type, String content, long time) throws Exception {
        return PushFrameCodec.decode(PushFrameCodec.JSON.createObjectNode().put("id", 5).put("commandType", "Common").put("time", time)
                .set("message", PushFrameCodec.JSON.createObjectNode().put("type", type).put("mallID", 1).put("content", content)).toString());
    }

    @Test
    void shipmentMapsToAnOrderEvent() throws Exception {
        OrderEvent e = PinduoduoTypes.toEvent("s1", frame("pdd_trade_TradeSellerShip",
                "{\"tid\":\"O1\",\"buyer_id\":\"b1\",\"pay_amount\":\"12.30\",\"shipping_name\":\"SF\",\"tracking_number\":\"SF1\"}", 77), 1);
        assertEquals("pdd-5", e.getEventId());
        assertEquals(Platform.PINDUODUO, e.getPlatform());
        assertEquals(OrderEventType.ORDER_SHIPPED, e.getType());
        assertEquals("O1", e.getOrderId());
        assertEquals("b1", e.getBuyerId());
        assertEquals(1230, e.getAmountCents());
        assertEquals("SF", e.getCourier());
        assertEquals("SF1", e.getTrackingNo());
        assertEquals(77, e.getEventTime());
    }

    @Test
    void missingTimeFallsBackToArrival() throws Exception {
        assertEquals(9, PinduoduoTypes.toEvent("s1", frame("pdd_trade_TradeConfirmed", "{\"tid\":\"O1\"}", 0), 9).getEventTime());
    }

    @Test
    void unknownTypesAndBadContentArePoison() {
        assertThrows(InvalidOrderEventException.class, () -> PinduoduoTypes.toEvent("s1", frame("pdd_trade_TradeMemoModified", "{\"tid\":\"O\"}", 1), 1));
        assertThrows(InvalidOrderEventException.class, () -> PinduoduoTypes.toEvent("s1", frame("pdd_trade_TradeConfirmed", "nope", 1), 1));
        assertThrows(InvalidOrderEventException.class, () -> PinduoduoTypes.toEvent("s1", frame("pdd_trade_TradeConfirmed", "{}", 1), 1));
        assertThrows(InvalidOrderEventException.class,
                () -> PinduoduoTypes.toEvent("s1", frame("pdd_trade_TradeConfirmed", "{\"tid\":\"O\",\"pay_amount\":\"x\"}", 1), 1));
    }
}
