package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.ModelReports;
import org.zenmoon.application.PreferenceExport;

/** The recommender's A/B test, model history and preference pairs, for the tenant admin. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ModelResource {

    @Inject
    ModelReports reports;

    @Inject
    PreferenceExport preferences;

    @GET
    @Path("/ab-report")
    @Operation(
            summary = "The recommender's A/B report",
            description = "TENANT_ADMIN. Per arm (control: the active model, candidate: the one under test) the model"
                    + " version, recommendations served, exposures (answered), 👍 count and rate with its 95% Wilson"
                    + " interval on the effective answers, the children who answered, the design effect and the"
                    + " effective answers (exposures / design effect); the p-value of the test the decision uses (the"
                    + " 👍 rates compared with a cluster-robust variance over children); every model version with its"
                    + " offline evaluation; and the latest steps (trained, rejected, ab_started, promoted, rolled_back),"
                    + " at most history (1..500, default 100).")
    public ModelReports.AbReport abReport(
            @QueryParam("history")
                    @DefaultValue("100")
                    @Pattern(regexp = "[0-9]{1,3}", message = "must be a number from 1 to 500")
                    String history) {
        int n = Integer.parseInt(history);
        if (n < 1 || n > 500) {
            throw new InvalidInputException("history", "must be a number from 1 to 500");
        }
        return reports.abReport(n);
    }

    @GET
    @Path("/recommender/preference-pairs")
    @Produces("application/x-ndjson")
    @Operation(
            summary = "Parents' answers as preference pairs (JSONL)",
            description = "TENANT_ADMIN. One JSON object per line, {prompt, chosen, rejected}: within one child and"
                    + " situation, a text answered 👍 preferred to one answered 👎; children with model-training consent"
                    + " only; no child is named. For offline DPO or LoRA fine-tuning of the phrasing model. Audited.")
    public StreamingOutput preferencePairs() {
        PreferenceExport.Export export = preferences.pairs();
        return out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (var p : export.pairs()) {
                w.write(Json.createObjectBuilder()
                        .add("prompt", p.prompt())
                        .add("chosen", p.chosen())
                        .add("rejected", p.rejected())
                        .build()
                        .toString());
                w.write('\n');
            }
            w.flush();
        };
    }
}
