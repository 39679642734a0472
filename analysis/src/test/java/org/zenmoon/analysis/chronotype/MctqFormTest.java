package org.zenmoon.analysis.chronotype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading ropensci/mctq's std_mctq.csv, with its deliberately bad rows. */
class MctqFormTest {

    static List<Map<String, String>> rows(String resource) throws IOException {
        try (InputStream in = MctqFormTest.class.getResourceAsStream("/chronotype/" + resource)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            String[] header = lines.get(0).split(",", -1);
            return lines.subList(1, lines.size()).stream()
                    .map(l -> {
                        String[] v = l.split(",", -1);
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 0; i < header.length; i++) {
                            row.put(header[i], i < v.length ? v[i] : "");
                        }
                        return row;
                    })
                    .toList();
        }
    }

    static Map<String, MctqForm.Reading> std() throws IOException {
        return rows("std_mctq.csv").stream()
                .map(MctqForm::read)
                .collect(Collectors.toMap(MctqForm.Reading::id, r -> r, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void everyBadRowIsReportedWithAReasonAndTheOthersAreRead() throws IOException {
        Map<String, MctqForm.Reading> all = std();
        assertThat(all).hasSize(50);
        Map<String, String> bad = all.values().stream()
                .filter(r -> !r.valid())
                .collect(
                        Collectors.toMap(MctqForm.Reading::id, r -> r.problems().toString()));
        assertThat(bad).containsOnlyKeys("1", "7", "10", "14", "15", "33", "34", "39", "41");
        assertThat(bad.get("14")).contains("every answer is blank");
        assertThat(bad.get("33")).contains("every answer is '0'");
        assertThat(bad.get("34"))
                .contains(
                        "10 work days a week is outside 0-7",
                        "'27:00' is not a time of day",
                        "'Sim' is not Yes or No",
                        "'34:00' is not a time of day",
                        "'-01:30' is a negative duration");
        assertThat(bad.get("10")).contains("'3' is ambiguous");
        assertThat(bad.get("7")).contains("workday answers needed for sleep onset and end are missing");
        assertThat(bad.get("39")).contains("before bedtime");
        assertThat(bad.get("1")).contains("before bedtime");
        assertThat(bad.get("15")).contains("outside 2-18 h");
        assertThat(bad.get("41")).contains("outside 2-18 h");
    }

    @Test
    void twelveHourAndFourDigitTimesAreReadAndNoted() throws IOException {
        MctqForm.Reading r10 = std().get("10");
        assertThat(r10.notes())
                .extracting(MctqForm.Finding::message)
                .contains(
                        "read 'true' as Yes",
                        "read 12-hour '11:00 PM' as 23:00",
                        "read '0000' as 00:00",
                        "read duration '00:15' as 15 minutes",
                        "read 12-hour '07:15 AM' as 07:15",
                        "read 12-hour '0130 AM' as 01:30");
        MctqResult q = Mctq.compute(r10.answers());
        assertThat(ClockMinutes.format(q.msw())).isEqualTo("03:45:00");
        assertThat(ClockMinutes.format(q.msf())).isEqualTo("06:15:00");
    }

    @Test
    void alarmOnFreeDaysComesOutUndefined() throws IOException {
        Map<String, MctqForm.Reading> all = std();
        for (String id : List.of("6", "9", "22", "30", "40", "43")) {
            MctqResult q = Mctq.compute(all.get(id).answers());
            assertThat(q.msf()).as("MSF of " + id).isNotNull();
            assertThat(q.msfSc()).as("MSFsc of " + id).isNull();
        }
    }

    @Test
    void rawAndTidiedFormsOfTheSameRespondentsGiveTheSameQuantities() throws IOException {
        Map<String, MctqForm.Reading> all = std();
        List<Map<String, String>> vignette = rows("vignette_mctq.csv");
        List<String> sameAs = List.of("2", "3", "8", "11", "38");
        for (int i = 0; i < vignette.size(); i++) {
            MctqForm.Reading tidy = MctqForm.read(vignette.get(i));
            assertThat(tidy.valid()).isTrue();
            assertThat(Mctq.compute(tidy.answers()))
                    .isEqualTo(Mctq.compute(all.get(sameAs.get(i)).answers()));
        }
    }

    @Test
    void respondentTwoMatchesTheFormulasToTheSecond() throws IOException {
        MctqResult q = Mctq.compute(std().get("2").answers());
        // SO_W 23:20+30 = 23:50, SE_W 06:55 → SD_W 7:05, MSW 03:22:30; SO_F 00:20, SE_F 10:10 → SD_F 9:50, MSF 05:15.
        assertThat(ClockMinutes.format(q.msw())).isEqualTo("03:22:30");
        assertThat(ClockMinutes.format(q.msf())).isEqualTo("05:15:00");
        assertThat(ClockMinutes.format(q.sdWeek())).isEqualTo("07:52:09");
        assertThat(ClockMinutes.format(q.msfSc())).isEqualTo("04:16:04");
        assertThat(q.socialJetlag()).isEqualTo(112.5);
    }
}
