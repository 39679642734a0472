/** Jakarta Batch steps; the job definitions are in META-INF/batch-jobs. */
package org.zenmoon.batch.jobs;
