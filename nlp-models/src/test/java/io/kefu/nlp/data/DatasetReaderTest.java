package io.kefu.nlp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static void assertBad(Path file, String lineSuffix, String problem) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetReader.read(file));
        assertTrue(e.getMessage().startsWith(file + lineSuffix + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void tsvWithAndWithoutHeader() throws IOException {
        List<Example> a = DatasetReader.read(file("a.tsv", "label\ttext\ngreeting\t亲在吗\nrefund\t我要退款\n"));
        List<Example> b = DatasetReader.read(file("b.tsv", "greeting\t亲在吗\n\n# comment\nrefund\t我要退款\n"));
        assertEquals(List.of("greeting", "refund"), a.stream().map(Example::label).toList());
        assertEquals(a.stream().map(Example::text).toList(), b.stream().map(Example::text).toList());
        assertEquals(4, b.get(1).line());
    }

    @Test
    void tsvBrokenLineNamesFileAndLine() throws IOException {
        assertBad(file("bad.tsv", "label\ttext\ngreeting\thi\nno tab here\n"), ":3", "no tab");
        assertBad(file("empty-text.tsv", "greeting\thi\nrefund\t   \n"), ":2", "empty text");
        assertBad(file("empty-label.tsv", "\thi\n"), ":1", "empty label");
    }

    @Test
    void csvWithNamedColumnsAndMultiLineQuotedFields() throws IOException {
        Path csv = file("banking.csv", "text,category\n"
                + "I am still waiting on my card?,card_arrival\n"
                + "\"My card, the one I ordered,\nhas not arrived \"\"yet\"\"\",card_arrival\n"
                + "What is the exchange rate?,exchange_rate\n");
        List<Example> examples = DatasetReader.read(csv);
        assertEquals(3, examples.size());
        assertEquals("My card, the one I ordered,\nhas not arrived \"yet\"", examples.get(1).text());
        assertEquals(5, examples.get(2).line());
        assertEquals("exchange_rate", examples.get(2).label());
    }

    @Test
    void csvErrors() throws IOException {
        assertBad(file("cols.csv", "foo,bar\na,b\n"), ":1", "needs a text column");
        assertBad(file("fields.csv", "text,category\nhello,greeting\nhello,greeting,extra\n"), ":3", "expected 2 fields");
        assertBad(file("quote.csv", "text,category\nhello,greeting\n\"never closed,greeting\n"), ":3", "unterminated");
    }

    @Test
    void jsonl() throws IOException {
        List<Example> e = DatasetReader.read(file("d.jsonl", "{\"text\":\"where is my order\",\"intent\":\"order_status\"}\n\n"
                + "{\"text\":\"hi\",\"label\":\"greeting\"}\n"));
        assertEquals(List.of("order_status", "greeting"), e.stream().map(Example::label).toList());
        assertBad(file("bad.jsonl", "{\"text\":\"hi\",\"intent\":\"greeting\"}\n{\"text\": oops}\n"), ":2", "not valid JSON");
        assertBad(file("missing.jsonl", "{\"text\":\"hi\"}\n"), ":1", "\"intent\"");
    }

    @Test
    void rasaYaml() throws IOException {
        Path yml = file("nlu.yml", """
                version: "3.1"
                nlu:
                - intent: greet
                  examples: |
                    - hey
                    - 亲在吗
                - intent: order_status
                  examples: |
                    - where is order [281726450918273645](order_id)
                    - 订单[到哪了]{"entity": "x"}
                - synonym: savings
                  examples: |
                    - pink pig
                """);
        List<Example> e = DatasetReader.read(yml);
        assertEquals(4, e.size());
        assertEquals("where is order 281726450918273645", e.get(2).text());
        assertEquals("订单到哪了", e.get(3).text());
        assertEquals(10, e.get(3).line());
        assertBad(file("no-nlu.yml", "version: \"3.1\"\nstories:\n- story: x\n"), "", "no top-level 'nlu:'");
        assertBad(file("broken.yml", "nlu:\n- intent: greet\n  examples: |\n    - hi\n    oops not an item\n"), ":5", "expected '- example'");
    }

    @Test
    void seqInDirectoryOrFile() throws IOException {
        Path d = Files.createDirectories(dir.resolve("train"));
        Files.writeString(d.resolve("seq.in"), "what is my balance\nhi there\n");
        Files.writeString(d.resolve("label"), "balance\ngreeting\n");
        assertEquals(2, DatasetReader.read(d).size());
        assertEquals("greeting", DatasetReader.read(d.resolve("seq.in")).get(1).label());
        Files.writeString(d.resolve("label"), "balance\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetReader.read(d));
        assertTrue(e.getMessage().contains("label:2") && e.getMessage().contains("seq.in has 2 lines but label has 1"), e.getMessage());
    }

    @Test
    void emptyUnknownMissingAndOneClass() throws IOException {
        assertBad(file("empty.tsv", ""), "", "empty file");
        assertBad(file("blank.tsv", "label\ttext\n\n"), "", "empty file");
        assertBad(file("data.xlsx", "whatever"), "", "unknown data format");
        assertBad(dir.resolve("nope.tsv"), "", "no such file");
        Path one = file("one.tsv", "greeting\thi\ngreeting\thello\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetReader.readForTraining(List.of(one)));
        assertTrue(e.getMessage().startsWith(one.toString()) && e.getMessage().contains("only one intent ('greeting')"), e.getMessage());
    }
}
