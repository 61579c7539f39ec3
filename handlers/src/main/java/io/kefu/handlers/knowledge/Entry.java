package io.kefu.handlers.knowledge;

import java.util.List;

/**
 * One thing the store knows: the ways buyers ask about it and the answer (in Chinese and/or
 * English; the other language is used when the buyer's is missing).
 */
public record Entry(String id, List<String> questions, String answerZh, String answerEn) {
    public Entry {
        questions = List.copyOf(questions);
        answerZh = answerZh == null ? "" : answerZh;
        answerEn = answerEn == null ? "" : answerEn;
    }

    public String answer(String language) {
        if ("en".equals(language)) {
            return answerEn.isEmpty() ? answerZh : answerEn;
        }
        return answerZh.isEmpty() ? answerEn : answerZh;
    }
}
