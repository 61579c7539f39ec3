package io.kefu.nlp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.nlp.data.Example;
import io.kefu.nlp.intent.TinyData;
import io.kefu.nlp.model.IntentModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train → eval through the tools' own entry points, in fast mode (no ONNX). */
class ToolsTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    Path tinyTsv() throws IOException {
        List<String> lines = new ArrayList<>(List.of("label\ttext"));
        for (Example e : TinyData.examples()) lines.add(e.label() + "\t" + e.text());
        lines.add("out_of_scope\t今天天气怎么样");
        lines.add("out_of_scope\t讲个笑话");
        lines.add("out_of_scope\twhat's the weather like");
        lines.add("out_of_scope\ttell me a joke");
        return Files.write(dir.resolve("train.tsv"), lines);
    }

    @Test
    void trainThenEvalWithReport() throws IOException {
        Path model = dir.resolve("m.kefumodel");
        assertEquals(0, TrainTool.run(List.of("--data", tinyTsv().toString(), "--out", model.toString(), "--mode", "fast"), out, err), err());
        assertTrue(out().contains("wrote fast model"), out());
        assertEquals("fast", IntentModel.load(model).metadata().mode());

        Path test = Files.writeString(dir.resolve("test.jsonl"), """
                {"text":"我想退款","intent":"refund"}
                {"text":"订单到哪了","intent":"order_status"}
                {"text":"hello <b>there</b>","intent":"greeting"}
                {"text":"讲个笑话吧","intent":"out_of_scope"}
                """);
        outBytes.reset();
        Path report = dir.resolve("report");
        assertEquals(0, EvalTool.run(List.of("--model", model.toString(), "--data", test.toString(), "--oos-label", "out_of_scope",
                "--report", report.toString()), out, err), err());
        String[] lines = out().strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("accuracy=\\d\\.\\d{4} macro_f1=\\d\\.\\d{4} n=4 in_scope_accuracy=\\d\\.\\d{4} oos_recall=\\d\\.\\d{4}"), last);
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("Confusion matrix") && html.contains("Per intent"));
        assertTrue(!html.contains("<b>there</b>"), "data text must be escaped in the report");
        assertTrue(Files.readString(report.resolve("report.json")).contains("\"perIntent\""));
    }

    @Test
    void crossValidationReportsEachFold() throws IOException {
        Path model = dir.resolve("cv.kefumodel");
        assertEquals(0, TrainTool.run(List.of("--data", tinyTsv().toString(), "--out", model.toString(), "--mode", "fast", "--cv", "3"),
                out, err), err());
        assertTrue(out().contains("cv fold 3/3") && out().contains("cv mean accuracy="), out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, TrainTool.run(List.of("--out", "x"), out, err));
        assertEquals(2, TrainTool.run(List.of("--data", "a.tsv", "--out", "x", "--mode", "turbo"), out, err));
        assertEquals(2, TrainTool.run(List.of("--data", "a.tsv", "--out", "x", "--bogus"), out, err));
        assertEquals(2, EvalTool.run(List.of("--data", "a.tsv"), out, err));
        assertTrue(err().contains("usage: kefu train") && err().contains("usage: kefu eval"), err());
        assertTrue(TrainTool.usage().contains("--cv") && EvalTool.usage().contains("--oos-label"));
    }

    @Test
    void badDataExitsOneNamingFileAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "greeting\thi\nrefund\n");
        assertEquals(1, TrainTool.run(List.of("--data", bad.toString(), "--out", dir.resolve("x").toString()), out, err));
        assertTrue(err().contains(bad + ":2"), err());
        Path missingModel = dir.resolve("missing.kefumodel");
        assertEquals(1, EvalTool.run(List.of("--model", missingModel.toString(), "--data", bad.toString()), out, err));
    }
}
