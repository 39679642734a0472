/**
 * The recommender's whole loop against synthetic families whose preferences are known, so the learned policy can
 * be measured against an oracle: {@link org.zenmoon.analysis.recommend.simulation.FamilySimulator}. Its figures
 * are in docs/BENCHMARKS.md; its tests assert them.
 */
package org.zenmoon.analysis.recommend.simulation;
