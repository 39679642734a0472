package org.zenmoon.domain.model.recommendation;

import java.util.Optional;

/**
 * An optional language model that rewords a recommendation's text (an OpenAI-compatible chat endpoint, such as
 * Gemma or Phi-3 served by Ollama or vLLM). It sees only the catalogue's text for the chosen intervention and its
 * time, never the child.
 */
public interface TextRephraser {

    /** Whether an endpoint is configured. */
    boolean enabled();

    /** The model's wording of {@code text} under {@code instruction}; empty on a timeout, an error or an odd answer. */
    Optional<String> rephrase(String instruction, String text);
}
