package io.kefu.nlp.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our ONNX sessions (one intra-op thread) compute exactly what langchain4j's ready-made model classes compute. */
class OnnxEncoderTest {

    static final List<String> ENGLISH_TEXTS = List.of("where is my order", "hi", "can i change the size to XL before it ships?",
            "i want a refund, the item arrived broken <order>");
    static final List<String> CHINESE_TEXTS = List.of("亲 在吗", "我的快递怎么还没到", "能换成 XL 码吗 还没发货吧", "质量太差了 要退款 <order>");

    static void assertSameVectors(SentenceEncoder ours, EmbeddingModel reference, List<String> texts) {
        assertEquals(reference.dimension(), ours.dimension());
        for (String t : texts) assertArrayEquals(reference.embed(t).content().vector(), ours.embed(t), 0f, t);
        List<float[]> batch = ours.embedAll(texts);
        for (int i = 0; i < texts.size(); i++) assertArrayEquals(reference.embed(texts.get(i)).content().vector(), batch.get(i), 0f, "batch " + texts.get(i));
    }

    @Test
    void englishEncoderMatchesLangchain4jModel() {
        assertEquals(1, OnnxEncoder.THREADS, "one intra-op thread unless -Dkefu.onnx.threads says otherwise");
        assertSameVectors(Encoders.byId(Encoders.ENGLISH), new AllMiniLmL6V2QuantizedEmbeddingModel(), ENGLISH_TEXTS);
    }

    @Test
    void chineseEncoderMatchesLangchain4jModel() {
        assertSameVectors(Encoders.byId(Encoders.CHINESE), new BgeSmallZhV15QuantizedEmbeddingModel(), CHINESE_TEXTS);
    }
}
