package org.zenmoon.domain.model.recommendation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bound tenant's recommendations, their feedback, and the child's situation the policy reads. */
public interface RecommendationRepository {

    /** The child's latest recommendation without an answer, created at or after {@code since}. */
    Optional<StoredRecommendation> openSince(String childId, Instant since);

    void insert(NewRecommendation r);

    Optional<StoredRecommendation> find(String recommendationId);

    /** The context the policy saw when it made the recommendation (JSON), if it was logged. */
    Optional<String> contextOf(String recommendationId);

    /** The child's latest recommendations, newest first, with their feedback. */
    List<StoredRecommendation> latest(String childId, int limit);

    /**
     * The child's recommendations made in {@code [from, to)}, newest first, with their feedback: at most
     * {@code limit}, the newest.
     */
    List<StoredRecommendation> madeBetween(String childId, Instant from, Instant to, int limit);

    /**
     * Stores a guardian's answer; a second answer to the same recommendation replaces the first.
     *
     * @return true when this is the recommendation's first answer
     */
    boolean answer(String recommendationId, String userId, boolean helpful, String comment, Instant at);

    /** How many recommendations of the tenant have an answer. */
    long answered();

    /** Per intervention, how often it was recommended to the child and how it was answered. */
    Map<String, Tally> tallies(String childId);

    record Tally(int shown, int helpful, int unhelpful) {}

    /** The mean stress of the child's epochs in {@code [from, to)}, if any has one. */
    Optional<Double> meanStress(String childId, Instant from, Instant to);

    /**
     * The child's mean stress per day of {@code zone} (the tenant's) in {@code [from, to)}, days without stress left
     * out, in day order.
     */
    List<DailyMean> dailyStress(String childId, Instant from, Instant to, ZoneId zone);

    record DailyMean(LocalDate day, double mean) {}

    /**
     * Hours asleep per night (by the day of waking in {@code zone}, the tenant's) for episodes that ended in
     * {@code [from, to)}, in order.
     */
    List<Double> nightlySleepHours(String childId, Instant from, Instant to, ZoneId zone);

    /** Whether an exam or test of the child's cohort (or the child's own) starts in {@code [from, to)}. */
    boolean examBetween(String childId, Instant from, Instant to);

    /** The answered recommendations of children with active model-training consent: the training records. */
    List<LoggedFeedback> trainingRecords();

    /** Per model version, how many of its recommendations since {@code since} were answered, and how many helpful. */
    ArmCount count(String modelVersion, Instant since);

    record ArmCount(long served, long answered, long helpful) {}

    /**
     * Per child, how many of the model version's recommendations since {@code since} the child's family answered,
     * and how many helpful: one row per answering child, in no particular order and without the child's id (the A/B
     * test needs the spread between children, not who they are).
     */
    List<ChildCount> countPerChild(String modelVersion, Instant since);

    record ChildCount(long answered, long helpful) {}
}
