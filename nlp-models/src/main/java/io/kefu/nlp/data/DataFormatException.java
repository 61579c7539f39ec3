package io.kefu.nlp.data;

import java.nio.file.Path;

/** Bad training or test data. The message always names the file, and the line when there is one. */
public class DataFormatException extends RuntimeException {

    public DataFormatException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }

    public DataFormatException(Path file, String problem) {
        this(file, 0, problem);
    }
}
