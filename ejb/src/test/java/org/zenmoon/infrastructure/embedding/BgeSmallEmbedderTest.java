package org.zenmoon.infrastructure.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BGE-small embedder with the real model and vocabulary from the langchain4j jar: BERT's WordPiece cases, and
 * vectors that put paraphrases of one situation nearer each other than a different situation.
 */
class BgeSmallEmbedderTest {

    static BgeSmallEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new BgeSmallEmbedder(1);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    List<String> pieces(String text) {
        return embedder.tokenizer().pieces(text);
    }

    @Test
    void theModelTakesBertsThreeInputs() {
        assertThat(embedder.inputNames()).containsExactlyInAnyOrder("input_ids", "attention_mask", "token_type_ids");
    }

    @Test
    void aWordOutsideTheVocabularyIsSplitIntoTheLongestKnownPieces() {
        assertThat(pieces("unaffable")).containsExactly("una", "##ffa", "##ble");
        // The real vocabulary knows "unwanted" whole (the tokenizers' own test uses a toy vocabulary).
        assertThat(pieces("UNwant\u00E9d,running")).containsExactly("unwanted", ",", "running");
        assertThat(pieces("playtime")).containsExactly("play", "##time");
    }

    @Test
    void punctuationIsSplitOffAndCaseAndAccentsAreFolded() {
        assertThat(pieces("Hello, World!")).containsExactly("hello", ",", "world", "!");
        assertThat(pieces("  Caf\u00E9\tna\u00EFve\u00A0r\u00E9sum\u00E9 ")).containsExactly("cafe", "naive", "resume");
        assertThat(pieces("can't")).containsExactly("can", "'", "t");
        assertThat(pieces("a\u0000b\u200Bc"))
                .as("control and format characters are dropped")
                .containsExactly("abc");
    }

    @Test
    void theIdsAreFramedByClsAndSep() {
        assertThat(embedder.tokenizer().ids("hello world", 128)).containsExactly(101, 7592, 2088, 102);
        assertThat(embedder.tokenizer().ids("", 128)).containsExactly(101, 102);
    }

    @Test
    void aWordWithNoKnownPiecesIsUnknown() {
        assertThat(pieces("exam \uD83D\uDE00 stress")).containsExactly("exam", "[UNK]", "stress");
        assertThat(pieces("x".repeat(101))).containsExactly("[UNK]");
    }

    @Test
    void aLongTextIsTruncatedTo128TokensWithItsFrame() {
        String text =
                String.join(" ", IntStream.range(0, 300).mapToObj(i -> "calm").toList());
        long[] ids = embedder.tokenizer().ids(text, BgeSmallEmbedder.MAX_TOKENS);
        assertThat(ids).hasSize(128);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[127]).isEqualTo(102);
        assertThat(embedder.embed(text)).hasSize(384);
    }

    @Test
    void vectorsHave384FiniteComponentsAndUnitLength() {
        float[] v = embedder.embed("Box breathing before the spelling test helped.");
        assertThat(v).hasSize(embedder.dimension());
        double sum = 0;
        for (float x : v) {
            assertThat(Float.isFinite(x)).isTrue();
            sum += (double) x * x;
        }
        assertThat(Math.sqrt(sum)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(embedder.embed("Box breathing before the spelling test helped."))
                .as("the same text, the same vector")
                .containsExactly(v);
    }

    @Test
    void anExamWorryIsNearerAnotherExamWorryThanOutdoorPlay() {
        float[] exam = embedder.embed("She has a maths exam tomorrow and is too anxious to fall asleep.");
        float[] paraphrase =
                embedder.embed("Worried about the school test in the morning, he lies awake stressed at night.");
        float[] play = embedder.embed("The children played football outside in the park all afternoon.");
        double near = dot(exam, paraphrase);
        double far = dot(exam, play);
        assertThat(Double.isFinite(near) && Double.isFinite(far)).isTrue();
        assertThat(near).isGreaterThan(far + 0.05);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> embedder.embed(null)).isInstanceOf(IllegalArgumentException.class);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
