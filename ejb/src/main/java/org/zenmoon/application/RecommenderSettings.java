package org.zenmoon.application;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.analysis.recommend.AbSettings;
import org.zenmoon.analysis.recommend.PolicySettings;

/** The recommender's settings (README's configuration table). Dependent, not application-scoped: its fields are read directly, and a client proxy's fields are empty. */
@Dependent
class RecommenderSettings {

    /** The model every tenant trains; versions are numbered per tenant. */
    static final String MODEL = "recommender";

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.epsilon", defaultValue = "0.1")
    double epsilon;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.top-k", defaultValue = "3")
    int topK;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.retrain-every", defaultValue = "10")
    int retrainEvery;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.min-training-records", defaultValue = "10")
    int minTrainingRecords;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.held-out-share", defaultValue = "0.3")
    double heldOutShare;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.offline-tolerance", defaultValue = "0.02")
    double offlineTolerance;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.l2", defaultValue = "1.0")
    double l2;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.ab.candidate-share", defaultValue = "0.5")
    double candidateShare;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.ab.min-per-arm", defaultValue = "30")
    long minPerArm;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.ab.max-per-arm", defaultValue = "500")
    long maxPerArm;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.ab.alpha", defaultValue = "0.05")
    double alpha;

    /** {@link AbSettings#DEFAULT_MIN_CHILDREN_PER_ARM}. */
    @Inject
    @ConfigProperty(name = "zenmoon.recommender.ab.min-children-per-arm", defaultValue = "10")
    int minChildrenPerArm;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.reuse-for", defaultValue = "PT12H")
    Duration reuseFor;

    PolicySettings policy() {
        return new PolicySettings(epsilon, topK);
    }

    AbSettings ab() {
        return new AbSettings(minPerArm, alpha, maxPerArm, minChildrenPerArm);
    }
}
