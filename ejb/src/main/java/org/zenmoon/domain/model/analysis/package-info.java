/** Stored analysis results and model versions. */
package org.zenmoon.domain.model.analysis;
