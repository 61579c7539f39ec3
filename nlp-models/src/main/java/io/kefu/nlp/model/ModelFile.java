package io.kefu.nlp.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kefu.nlp.data.Hashing;
import io.kefu.nlp.intent.FastTier;
import io.kefu.nlp.intent.SoftmaxHead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The model file: a zip of {@code metadata.json}, {@code fast.bin} (the OpenNLP doccat model) and,
 * for models with an embedding tier, {@code head.bin}. Written to a temp file and moved, so a
 * reader never sees half a model.
 */
public final class ModelFile {

    static final String METADATA = "metadata.json";
    static final String FAST = "fast.bin";
    static final String HEAD = "head.bin";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ModelFile() {}

    /** Assigns the content-hash id and creation time; the id ignores the time so equal content means equal id. */
    public static IntentModel seal(ModelMetadata draft, FastTier fast, SoftmaxHead head) {
        try {
            byte[] fastBytes = fast.toBytes();
            byte[] headBytes = head == null ? new byte[0] : headBytes(head);
            MessageDigest digest = Hashing.sha256();
            digest.update(JSON.writeValueAsBytes(draft.withIdentity(null, null)));
            digest.update(fastBytes);
            digest.update(headBytes);
            String id = Hashing.hex(digest.digest()).substring(0, 16);
            return new IntentModel(draft.withIdentity(id, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()), fast, head);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void write(IntentModel model, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, METADATA, JSON.writeValueAsBytes(model.metadata()));
            entry(zip, FAST, model.fastTier().toBytes());
            if (model.head() != null) entry(zip, HEAD, headBytes(model.head()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static IntentModel read(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.put(e.getName(), zip.readAllBytes());
        }
        if (!entries.containsKey(METADATA) || !entries.containsKey(FAST)) {
            throw new IOException(file + ": not a kefu intent model (missing " + METADATA + " or " + FAST + ")");
        }
        ModelMetadata metadata = JSON.readValue(entries.get(METADATA), ModelMetadata.class);
        if (metadata.format() > ModelMetadata.FORMAT) {
            throw new IOException(file + ": model format " + metadata.format() + " is newer than this kefu (" + ModelMetadata.FORMAT + ")");
        }
        FastTier fast = FastTier.fromBytes(entries.get(FAST), metadata.labels());
        SoftmaxHead head = null;
        if (entries.containsKey(HEAD)) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entries.get(HEAD)))) {
                head = SoftmaxHead.read(in);
            }
        }
        return new IntentModel(metadata, fast, head);
    }

    /** Reads only the metadata: for listing models without loading weights. */
    public static ModelMetadata readMetadata(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(METADATA)) return JSON.readValue(zip.readAllBytes(), ModelMetadata.class);
            }
        }
        throw new IOException(file + ": not a kefu intent model (missing " + METADATA + ")");
    }

    private static byte[] headBytes(SoftmaxHead head) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            head.write(out);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // deterministic file bytes for the same model
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}
