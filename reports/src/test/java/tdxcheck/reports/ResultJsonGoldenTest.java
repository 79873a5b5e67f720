package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;

/** The sample result as JSON: pinned, schema-valid (see ResultSchemaTest) and read back unchanged. */
class ResultJsonGoldenTest {
    @Test
    void sampleJsonGoldenAndRoundTrip() throws Exception {
        String json = ResultJson.toJson(Fixtures.sample());
        Golden.assertMatches("sample-result.json", json);
        Result back = ResultJson.read(Golden.dir().resolve("sample-result.json"));
        assertEquals(json, ResultJson.toJson(back));
        assertEquals(Fixtures.sample(), back);
    }

    @Test
    void renderersGiveTheSameOutputFromTheReadBackResult() throws Exception {
        Result back = ResultJson.read(Path.of(Golden.dir().toString(), "sample-result.json"));
        assertEquals(new TextTraceRenderer().render(Fixtures.sample()), new TextTraceRenderer().render(back));
    }
}
