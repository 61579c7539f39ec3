package io.kefu.nlp.entity;

import static io.kefu.nlp.entity.EntityExtractor.AMOUNT;
import static io.kefu.nlp.entity.EntityExtractor.COLOR;
import static io.kefu.nlp.entity.EntityExtractor.DATE;
import static io.kefu.nlp.entity.EntityExtractor.HEIGHT;
import static io.kefu.nlp.entity.EntityExtractor.ORDER_ID;
import static io.kefu.nlp.entity.EntityExtractor.PHONE;
import static io.kefu.nlp.entity.EntityExtractor.SIZE;
import static io.kefu.nlp.entity.EntityExtractor.TRACKING_NUMBER;
import static io.kefu.nlp.entity.EntityExtractor.WEIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

    /** normalized values of one type, in message order */
    static List<String> found(String text, String type) {
        List<Entity> entities = EntityExtractor.extract(text, type);
        for (Entity e : entities) assertEquals(e.value(), text.substring(e.start(), e.end()), "offsets of " + e);
        return entities.stream().map(Entity::normalized).toList();
    }

    @Test
    void taobaoEighteenAndNineteenDigits() {
        assertEquals(List.of("3817264509182736451"), found("亲 订单号3817264509182736451 怎么还没发货啊", ORDER_ID));
        assertEquals(List.of("281726450918273645"), found("order 281726450918273645 hasn't shipped", ORDER_ID));
    }

    @Test
    void jdTwelveDigitsAndFullWidthDigits() {
        assertEquals(List.of("234567890123"), found("京东订单234567890123能改地址吗", ORDER_ID));
        assertEquals(List.of("234567890123"), found("订单号：２３４５６７８９０１２３", ORDER_ID));
    }

    @Test
    void notAPhoneNorACourierNumber() {
        assertEquals(List.of(), found("我电话13812345678", ORDER_ID));
        assertEquals(List.of(), found("中通快递 731234567890 一直不动", ORDER_ID));
        assertEquals(List.of(), found("买了3件 花了200", ORDER_ID));
    }

    @Test
    void prefixedWaybills() {
        assertEquals(List.of("SF:SF1234567890123"), found("顺丰单号SF1234567890123查不到", TRACKING_NUMBER));
        assertEquals(List.of("YT:YT1234567890123"), found("圆通yt1234567890123到哪了", TRACKING_NUMBER));
        assertEquals(List.of("JT:JT0001234567890"), found("极兔 JT0001234567890 三天没更新了", TRACKING_NUMBER));
        assertEquals(List.of("UPS:1Z999AA10123456784"), found("UPS tracking 1Z999AA10123456784 says delivered but nothing here", TRACKING_NUMBER));
    }

    @Test
    void digitsAfterACourierName() {
        assertEquals(List.of("ZTO:731234567890"), found("中通快递 731234567890 一直不动", TRACKING_NUMBER));
        assertEquals(List.of("ZTO:75312345678901"), found("ZTO 75312345678901", TRACKING_NUMBER));
    }

    @Test
    void chineseMobilesInAnyWriting() {
        assertEquals(List.of("13812345678"), found("新手机号13812345678，改一下", PHONE));
        assertEquals(List.of("13812345678"), found("电话 138-1234-5678", PHONE));
        assertEquals(List.of("13912345678"), found("+86 139 1234 5678 收件人张三", PHONE));
    }

    @Test
    void landlinesAndUsNumbers() {
        assertEquals(List.of("01087654321"), found("座机010-87654321", PHONE));
        assertEquals(List.of("+13125551234"), found("call me at +1 (312) 555-1234", PHONE));
    }

    @Test
    void orderIdsAreNotPhones() {
        assertEquals(List.of(), found("订单3817264509182736451", PHONE));
    }

    @Test
    void yuanInEveryWriting() {
        assertEquals(List.of("29.90 CNY"), found("退我￥29.90就行", AMOUNT));
        assertEquals(List.of("199.00 CNY"), found("昨天还199元今天怎么涨价了", AMOUNT));
        assertEquals(List.of("50.00 CNY"), found("能便宜五十块吗", AMOUNT));
        assertEquals(List.of("20.00 CNY"), found("优惠券20块用不了", AMOUNT));
        assertEquals(List.of("1299.00 CNY"), found("RMB 1,299 太贵了", AMOUNT));
    }

    @Test
    void dollars() {
        assertEquals(List.of("15.99 USD"), found("I was charged $15.99 twice", AMOUNT));
        assertEquals(List.of("30.00 USD"), found("refund the 30 dollars please", AMOUNT));
    }

    @Test
    void letterAndNumericSizes() {
        assertEquals(List.of("XL"), found("这件有XL码吗", SIZE));
        assertEquals(List.of("M", "L"), found("M码换成L码", SIZE));
        assertEquals(List.of("XXL"), found("xxl还有货吗", SIZE));
        assertEquals(List.of("42"), found("鞋子42码偏小吗", SIZE));
        assertEquals(List.of("9"), found("do you have size 9 in stock", SIZE));
        assertEquals(List.of("ONE_SIZE"), found("是均码吗", SIZE));
    }

    @Test
    void noSizesInOrdinaryEnglish() {
        assertEquals(List.of(), found("it's fine, i'm happy with it", SIZE));
        assertEquals(List.of(), found("M&M cookies", SIZE));
    }

    @Test
    void heightAndWeight() {
        String msg = "身高175体重140斤穿什么码";
        assertEquals(List.of("175cm"), found(msg, HEIGHT));
        assertEquals(List.of("70kg"), found(msg, WEIGHT));
        assertEquals(List.of("165cm"), found("我165cm 50kg 选S还是M", HEIGHT));
        assertEquals(List.of("50kg"), found("我165cm 50kg 选S还是M", WEIGHT));
        assertEquals(List.of("175cm"), found("1米75的个子", HEIGHT));
        assertEquals(List.of("170cm"), found("I'm 1.7m and 68kg", HEIGHT));
        assertEquals(List.of("68kg"), found("I'm 1.7m and 68kg", WEIGHT));
    }

    @Test
    void chineseAndEnglishColours() {
        assertEquals(List.of("black", "white"), found("黑色换白色可以吗", COLOR));
        assertEquals(List.of("navy"), found("藏青还有吗", COLOR));
        assertEquals(List.of("burgundy"), found("酒红色的好看吗", COLOR));
        assertEquals(List.of("grey"), found("can I swap it for the grey one", COLOR));
    }

    @Test
    void colourCharactersInsideOtherWordsAreNot() {
        assertEquals(List.of(), found("白跑一趟，金额不对", COLOR));
        assertEquals(List.of(), found("redeem my coupon", COLOR));
    }

    @Test
    void absoluteDates() {
        assertEquals(List.of("2024-05-03"), found("2024-05-03下的单", DATE));
        assertEquals(List.of("2024-11-11"), found("2024年11月11日买的", DATE));
        assertEquals(List.of("--06-18"), found("6月18号能到吗", DATE));
        assertEquals(List.of("--05-03"), found("ordered on May 3rd", DATE));
    }

    @Test
    void relativeDates() {
        assertEquals(List.of("+1d"), found("明天能发货吗", DATE));
        assertEquals(List.of("next-weekday:1"), found("下周一之前能到吗", DATE));
        assertEquals(List.of("weekday:7"), found("周日有人签收吗", DATE));
        assertEquals(List.of("-1d"), found("I placed it yesterday", DATE));
    }

    @Test
    void oneMessageManyEntities() {
        List<Entity> all = EntityExtractor.extract("订单3817264509182736451的黑色XL码，改成白色L码，电话13812345678，明天能到吗");
        List<String> types = all.stream().map(Entity::type).toList();
        assertEquals(List.of(ORDER_ID, COLOR, SIZE, COLOR, SIZE, PHONE, DATE), types);
        for (int i = 1; i < all.size(); i++) assertTrue(all.get(i - 1).end() <= all.get(i).start(), "no overlaps");
    }

    @Test
    void emptyAndNullAreEmpty() {
        assertEquals(List.of(), EntityExtractor.extract(""));
        assertEquals(List.of(), EntityExtractor.extract(null));
    }
}
