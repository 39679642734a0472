/**
 * Recommendations, parents' feedback on them, and the per-tenant ranking models that learn from it (issue 14). The
 * policy and statistics are in {@code org.zenmoon.analysis.recommend}; this package holds what is stored.
 */
package org.zenmoon.domain.model.recommendation;
