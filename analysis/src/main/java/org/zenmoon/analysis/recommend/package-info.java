/**
 * The recommender's plain-Java core: a curated catalogue of interventions for children 6-17, the context of a
 * request turned into features, one global logistic ranker (trained by Newton steps, exported as ONNX), an
 * epsilon-greedy policy that logs the propensity of each choice, off-policy evaluation of a new model on held-out
 * logs (IPS, self-normalised IPS, doubly robust), the A/B statistics that promote or roll back a model, the
 * chronotype-aware timing of a recommendation and its plain-English reasons.
 *
 * <ul>
 *   <li>{@link org.zenmoon.analysis.recommend.InterventionCatalogue}: the versioned catalogue
 *       ({@code interventions-v1.json} next to these classes), read strictly: an error names the entry and field.
 *   <li>{@link org.zenmoon.analysis.recommend.FeatureEncoder}: one global model personalises through features of
 *       this child's own feedback (smoothed like-rates per intervention and category), chronotype × time of day,
 *       stress, exams, sleep debt and causal verdicts. An unknown input is 0 plus an "unknown" indicator.
 *   <li>{@link org.zenmoon.analysis.recommend.LogisticTrainer} and {@link org.zenmoon.analysis.recommend.LinearModel}:
 *       L2-regularised logistic regression on logged (context, chosen intervention, 👍/👎) records.
 *   <li>{@link org.zenmoon.analysis.recommend.EpsilonGreedy}: the served policy; its propensities make
 *       {@link org.zenmoon.analysis.recommend.OffPolicyEvaluation} possible.
 *   <li>{@link org.zenmoon.analysis.recommend.AbStatistics} and
 *       {@link org.zenmoon.analysis.recommend.StickyAssignment}: a per-child arm that does not change between
 *       requests, and the group-sequential test of the arms' 👍 rates with a cluster-robust variance over the children
 *       of each arm ({@link org.zenmoon.analysis.recommend.ClusteredArm}), with Wilson intervals on the effective
 *       number of answers.
 *   <li>{@link org.zenmoon.analysis.recommend.simulation.FamilySimulator}: the whole loop against synthetic families
 *       with hidden preferences; {@link org.zenmoon.analysis.recommend.simulation.ClusteredAaSimulation}: A/A tests
 *       with children who differ, for the A/B test's false-decision rate.
 * </ul>
 *
 * <p>Nothing here is a diagnosis: the catalogue holds everyday activities, and the reasons only restate what the
 * context says.
 */
package org.zenmoon.analysis.recommend;
