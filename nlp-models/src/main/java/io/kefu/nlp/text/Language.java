package io.kefu.nlp.text;

/**
 * Chinese or English, from the script alone. Buyers mix scripts ("亲 order 还没到"), and a few
 * Han characters carry more meaning than the Latin words around them, so Han characters weigh
 * three Latin letters each.
 */
public final class Language {

    public static final String ZH = "zh";
    public static final String EN = "en";

    private Language() {}

    public static String detect(String text) {
        if (text == null) return EN;
        int han = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isHan(cp)) han++;
            else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xFF21 && cp <= 0xFF5A)) latin++;
            i += Character.charCount(cp);
        }
        return han > 0 && han * 3 >= latin ? ZH : EN;
    }

    public static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}
