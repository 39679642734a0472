package org.zenmoon.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.InvalidInputException;

class BatchUploadTest {

    static BatchUpload read(String json) {
        return BatchUpload.fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    static InvalidInputException refused(byte[] body) {
        return catchThrowableOfType(InvalidInputException.class, () -> BatchUpload.fromJson(body));
    }

    static InvalidInputException refused(String json) {
        return refused(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidBatchReadsEveryField() {
        BatchUpload b = read("{\"batchId\":\"b-1\",\"deviceId\":\"d\",\"sentAt\":\"2026-03-02T08:20:00Z\","
                + "\"epochs\":[{\"t\":\"2026-03-02T08:15:00Z\",\"hr\":92.5,\"rmssd\":41,\"eda\":3.2,\"activity\":120,"
                + "\"stress\":0.61,\"sleep\":\"WAKE\",\"quality\":0.9,\"scr\":2,\"wear\":true,\"anomaly\":0.1,"
                + "\"seq\":9000000000}],"
                + "\"events\":[{\"type\":\"math_test\",\"start\":\"2026-03-02T09:00:00Z\",\"end\":\"2026-03-02T10:00:00Z\"}],"
                + "\"sleepEpisodes\":[null],\"unknown\":{\"kept\":false}}");
        assertThat(b.batchId).isEqualTo("b-1");
        assertThat(b.sentAt).isEqualTo("2026-03-02T08:20:00Z");
        BatchUpload.EpochUpload e = b.epochs.get(0);
        assertThat(e.hr).isEqualTo(92.5);
        assertThat(e.rmssd).isEqualTo(41.0);
        assertThat(e.activity).isEqualTo(120);
        assertThat(e.scr).isEqualTo(2);
        assertThat(e.wear).isTrue();
        assertThat(e.seq).isEqualTo(9_000_000_000L);
        assertThat(b.events.get(0).type).isEqualTo("math_test");
        assertThat(b.sleepEpisodes).containsExactly((BatchUpload.EpisodeUpload) null);
    }

    @Test
    void valuesOfTheWrongTypeAreNamedNotConverted() {
        assertThat(refused("{\"batchId\":\"b\",\"epochs\":[{\"t\":\"x\"},{\"t\":\"x\"},{\"t\":\"x\"},"
                                + "{\"t\":\"x\",\"hr\":\"80\",\"activity\":120.7,\"wear\":\"true\",\"sleep\":1}]}")
                        .fields())
                .containsOnlyKeys("epochs[3].hr", "epochs[3].activity", "epochs[3].wear", "epochs[3].sleep");
        assertThat(refused("{\"batchId\":123}").fields()).containsOnlyKeys("batchId");
        assertThat(refused("{\"batchId\":\"b\",\"epochs\":{}}").fields()).containsOnlyKeys("epochs");
        assertThat(refused("{\"batchId\":\"b\",\"epochs\":[5]}").fields()).containsOnlyKeys("epochs[0]");
        assertThat(refused("{\"batchId\":\"b\",\"epochs\":[{\"t\":\"x\",\"hr\":1e400}]}")
                        .fields())
                .containsOnlyKeys("epochs[0].hr");
        assertThat(refused("{\"batchId\":\"b\",\"epochs\":[{\"t\":\"x\",\"activity\":1e10}]}")
                        .fields())
                .containsOnlyKeys("epochs[0].activity");
        assertThat(refused("[]").fields()).containsOnlyKeys("body");
        assertThat(refused("null").fields()).containsOnlyKeys("body");
    }

    @Test
    void malformedJsonIsRefusedWhereJsonBWouldGuess() {
        assertThat(refused("{\"batchId\":\"a\",\"epochs\":[{\"t\":\"x\",\"hr\":80,\"hr\":90}]}")
                        .fields())
                .containsOnlyKeys("epochs[0].hr");
        assertThat(refused("{\"batchId\":\"a\",\"batchId\":\"b\"}").fields()).containsOnlyKeys("batchId");
        byte[] broken = "{\"batchId\":\"a\",\"note\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8);
        broken[broken.length - 3] = (byte) 0xFF;
        assertThat(refused(broken).fields()).containsEntry("body", "is not valid UTF-8");
        assertThat(refused("{\"batchId\":\"a\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")
                        .fields()
                        .values())
                .containsExactly("nests deeper than 16 levels");
        assertThat(refused("{\"batchId\":\"a\",\"n\":" + "1".repeat(41) + "}").fields())
                .containsOnlyKeys("n");
        assertThat(refused("{\"batchId\":\"a\",\"epochs\":[{\"hr\":NaN}]}").fields())
                .containsOnlyKeys("body");
        assertThat(refused("{\"batchId\":\"a\"} {}").fields()).containsOnlyKeys("body");
        assertThat(refused("").fields()).containsOnlyKeys("body");
    }
}
