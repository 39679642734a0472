/** Recommendations and guardians' feedback on them. */
package org.zenmoon.domain.model.recommendation;
