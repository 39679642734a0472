/** Cohorts: school classes and clinic panels. */
package org.zenmoon.domain.model.cohort;
