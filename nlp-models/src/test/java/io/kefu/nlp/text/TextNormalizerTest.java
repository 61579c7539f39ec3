package io.kefu.nlp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void foldsFullWidthAndCase() {
        assertEquals("hello world abc123", TextNormalizer.normalize("ＨＥＬＬＯ　Ｗｏｒｌｄ ａｂｃ１２３"));
    }

    @Test
    void fullWidthFoldingKeepsLength() {
        String raw = "订单ＳＦ１２３４５６７８９０１２３！";
        assertEquals(raw.length(), Width.toHalfWidth(raw).length());
    }

    @Test
    void collapsesRepeatedPunctuation() {
        assertEquals("还没发货?!", TextNormalizer.normalize("还没发货？？？！！！"));
        assertEquals("hello!", TextNormalizer.normalize("hello!!!!!!"));
        assertEquals("啊。", TextNormalizer.normalize("啊。。。"));
    }

    @Test
    void replacesIdsWithShapeTokens() {
        assertEquals("我的订单 <order> 怎么还没发货", TextNormalizer.normalize("我的订单3817264509182736451怎么还没发货"));
        assertEquals("快递单号 <tracking> 查一下", TextNormalizer.normalize("快递单号SF1234567890123查一下"));
        assertEquals("ups <tracking> where is it", TextNormalizer.normalize("UPS 1Z999AA10123456784 where is it"));
        assertEquals("电话 <phone> 打不通", TextNormalizer.normalize("电话138-1234-5678打不通"));
        assertEquals("order <id> not arrived", TextNormalizer.normalize("order 123456789012 not arrived"));
    }

    @Test
    void replacesAmounts() {
        assertEquals("退我 <amount> 就行", TextNormalizer.normalize("退我￥29.90就行"));
        assertEquals("便宜 <amount> 吗", TextNormalizer.normalize("便宜20块吗"));
        assertEquals("it was <amount> yesterday", TextNormalizer.normalize("it was $15.99 yesterday"));
    }

    @Test
    void emojiBecomeSentimentTokens() {
        assertEquals("太慢了 <emoji-> 我要投诉", TextNormalizer.normalize("太慢了😡😡😡我要投诉"));
        assertEquals("谢谢 <emoji+>", TextNormalizer.normalize("谢谢👍🏻"));
        assertTrue(TextNormalizer.normalize("好的🐱").contains(TextNormalizer.EMOJI));
    }

    @Test
    void oddInputNeverThrows() {
        assertEquals("", TextNormalizer.normalize(null));
        assertEquals("", TextNormalizer.normalize(""));
        assertEquals("", TextNormalizer.normalize("   \t\n "));
        assertFalse(TextNormalizer.normalize("\uD83D").isEmpty()); // lone surrogate survives
    }
}
