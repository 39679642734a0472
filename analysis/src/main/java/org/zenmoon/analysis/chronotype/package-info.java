/**
 * Chronotype the MCTQ way (Roenneberg et al. 2003, 2004): mid-sleep on free days corrected for sleep debt
 * (MSFsc), from questionnaire answers or from detected sleep, with age-dependent categories and a cohort view.
 * All clock arithmetic is on a circular 24-hour clock, in minutes. See docs/analyses/sleep-chronotype.md.
 */
package org.zenmoon.analysis.chronotype;
